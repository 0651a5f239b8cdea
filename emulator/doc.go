// Package emulator runs Frostgate for Go tests and for the frostgate
// binary, in the spirit of net/http/httptest: Start returns a running
// emulator of one Snowflake account's access control, listening on
// loopback with ephemeral ports, with an in-process way in (Session),
// connection strings for the network protocols (PGConnString), Reset for a
// fresh account, and Close.
//
// Two emulators in one process share nothing: each has its own account,
// listeners and sessions.
package emulator
