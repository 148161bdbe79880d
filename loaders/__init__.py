"""Documents in: read files of every format users have into normalized Documents (formats/, encoding,
normalize, metadata, read), and extract the facts they state (extract/)."""
