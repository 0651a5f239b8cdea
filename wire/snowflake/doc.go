// Package snowflake serves Snowflake's driver protocol, the REST/JSON API
// the official drivers (gosnowflake, snowflake-sdk for Node.js, the Python
// connector, JDBC) speak, over net/http: login, query, token renewal,
// heartbeat, abort and session close, with JSON row sets
// (https://docs.snowflake.com/en/developer-guide/drivers). It holds no SQL
// semantics: statements run on sqlengine, errors are sferr values.
//
// A Server is an http.Handler. Point a driver at it with protocol http,
// the server's host and port, and any account name, e.g. the gosnowflake
// DSN from DSN. Endpoints, authentication (password, key pair, OAuth) and
// value encodings are described on the handlers; Frostgate's own admin
// endpoints in admin.go; every difference from Snowflake in
// docs/compatibility.md, "Wire protocols: Snowflake".
package snowflake
