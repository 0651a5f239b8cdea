package snowflake

// Hooks for the external tests, each returning a restore func.

// HoldSession takes the turn of the session a session token names, as a
// long statement would, so that tests can queue requests behind it; the
// returned func gives the turn back.
func HoldSession(s *Server, token string) (release func()) {
	s.sessions.mu.Lock()
	ss := s.sessions.byToken[token]
	s.sessions.mu.Unlock()
	ss.turn <- struct{}{}
	return func() { <-ss.turn }
}

// Running reports how many statements of the session a token names are
// registered as running or waiting.
func Running(s *Server, token string) int {
	s.sessions.mu.Lock()
	defer s.sessions.mu.Unlock()
	return len(s.sessions.byToken[token].running)
}

// DecimalSeconds exposes the timestamp encoding.
var DecimalSeconds = decimalSeconds
