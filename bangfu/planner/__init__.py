"""The planner's and analyst's questions on a built graph: who is (not) helped, search, the Cypher
catalogue shared by the app, the docs and the tests."""
