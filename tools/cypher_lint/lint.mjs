// Lint Cypher statements with Neo4j's own parser (@neo4j-cypher/language-support).
// Input on stdin:
//   {"schema": DbSchema-like {labels, relationshipTypes, propertyKeys},
//    "functions": ["count", ...]   (optional: names of Neo4j functions; then any other name is an error),
//    "statements": [{"id": str, "cypher": str, "parameters": {}}]}
// Output on stdout: [{"id": str, "diagnostics": [{"severity": 1|2, "message": str, "offsets": {}}]}]
// One process for every statement: the first lint costs about a second, the next ones milliseconds.
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const schema = { ...input.schema };
if (Array.isArray(input.functions)) {
  const registry = {};
  for (const name of input.functions) {
    registry[name] = {
      name, category: '', description: '', isBuiltIn: true, argumentDescription: [],
      returnDescription: '', signature: '', aggregating: false, isDeprecated: false,
    };
  }
  schema.functions = { 'CYPHER 5': registry, 'CYPHER 25': registry };
}

const out = input.statements.map((s) => {
  const { diagnostics } = lintCypherQuery(s.cypher, { ...schema, parameters: s.parameters ?? {} });
  return {
    id: s.id,
    diagnostics: diagnostics.map((d) => ({ severity: d.severity, message: d.message, offsets: d.offsets })),
  };
});
process.stdout.write(JSON.stringify(out));
