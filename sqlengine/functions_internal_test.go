package sqlengine

import (
	"testing"

	"github.com/frostgate/frostgate/emulator/account"
)

// Every function constFuncs names is one eval answers itself, so Describe
// (which trusts the list) and Execute agree on what is a constant SELECT.
func TestConstFuncsAreEvaluated(t *testing.T) {
	eng := New(account.New(account.Config{}))
	for name := range constFuncs {
		if name == ResetFunction {
			continue // answered by systemFunc; running it would reset
		}
		s := newSession(eng, mustLogin(t, eng))
		_, ok, _ := s.contextFunc(name, nil)
		if !ok {
			_, ok, _ = s.systemFunc(name, []any{int64(0), "SECONDS"})
		}
		if !ok {
			t.Errorf("%s is in constFuncs but eval does not answer it", name)
		}
	}
}

func mustLogin(t *testing.T, eng *Engine) *account.Actor {
	t.Helper()
	x, err := eng.acct.Login("ADMIN", "admin", "")
	if err != nil {
		t.Fatal(err)
	}
	return x
}
