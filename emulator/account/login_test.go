package account

import (
	"errors"
	"testing"
	"time"
)

func loginCode(err error) ErrCode {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}

// Failed logins are rate-limited per user: after maxFailures wrong
// passwords even the right one is refused until the window passes.
func TestFailedLoginsLockTheUserForAWhile(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	a := New(Config{Now: func() time.Time { return now }})
	for i := 0; i < maxFailures; i++ {
		if _, err := a.Login("ADMIN", "wrong", ""); loginCode(err) != ErrBadCredentials {
			t.Fatalf("attempt %d: got %v, want bad credentials", i, err)
		}
	}
	if _, err := a.Login("admin", "admin", ""); loginCode(err) != ErrLocked {
		t.Fatalf("after %d failures: got %v, want locked", maxFailures, err)
	}
	now = now.Add(failureWindow + time.Second)
	if _, err := a.Login("admin", "admin", ""); err != nil {
		t.Fatalf("after the window: %v", err)
	}
	// A success clears the count: one more failure does not lock.
	if _, err := a.Login("ADMIN", "wrong", ""); loginCode(err) != ErrBadCredentials {
		t.Fatal(err)
	}
	if _, err := a.Login("ADMIN", "admin", ""); err != nil {
		t.Fatal(err)
	}
}

func TestSecretsNeverHoldThePassword(t *testing.T) {
	a := New(Config{AdminPassword: "s3cret"})
	s, ok := a.UserSecrets("admin")
	if !ok || len(s.SaltedPassword) != 32 || len(s.Salt) != 16 || s.Iterations != pbkdf2Iterations {
		t.Fatalf("secrets: %+v %v", s, ok)
	}
	// PostgreSQL's MD5 secret is "md5" + md5(password + user name).
	if s.MD5["admin"] != "md58753fb2b3362fe340b818b2e892139b1" {
		t.Fatalf("md5 digest: %q", s.MD5["admin"])
	}
	if _, ok := a.UserSecrets("nobody"); ok {
		t.Fatal("an unknown user has no secrets")
	}
}

// A protocol that checks a proof itself (SCRAM, MD5) reports failures with
// LoginFailed and logs in with LoginVerified: the same lock-out applies.
func TestVerifiedLoginsShareTheLockOut(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	a := New(Config{Now: func() time.Time { return now }})
	for i := 0; i < maxFailures; i++ {
		if err := a.LoginFailed("admin"); loginCode(err) != ErrBadCredentials {
			t.Fatalf("failure %d: got %v, want bad credentials", i, err)
		}
	}
	if err := a.LoginFailed("ADMIN"); loginCode(err) != ErrLocked {
		t.Fatalf("got %v, want locked", err)
	}
	if _, err := a.LoginVerified("admin", ""); loginCode(err) != ErrLocked {
		t.Fatalf("verified login while locked: got %v, want locked", err)
	}
	if _, err := a.Login("admin", "admin", ""); loginCode(err) != ErrLocked {
		t.Fatalf("password login while locked: got %v, want locked", err)
	}
	now = now.Add(failureWindow + time.Second)
	if _, err := a.LoginVerified("admin", ""); err != nil {
		t.Fatalf("after the window: %v", err)
	}
	if err := a.LoginFailed("nobody"); loginCode(err) != ErrBadCredentials {
		t.Fatalf("unknown user: got %v", err)
	}
}
