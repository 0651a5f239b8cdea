package account

import (
	"crypto/md5"
	"encoding/hex"
	"strings"
	"sync"
	"time"
)

// Failed logins are limited per user: after maxFailures failures within
// failureWindow, further attempts are refused until the window has passed
// since the last failure, so a password cannot be guessed at line speed.
const (
	maxFailures   = 5
	failureWindow = time.Minute
)

// loginFailures counts recent failed logins per user. It has its own lock
// because logins hold the account's read lock only.
type loginFailures struct {
	mu   sync.Mutex
	byID map[string]*failureCount
}

type failureCount struct {
	n    int
	last time.Time
}

func (f *loginFailures) locked(user string, now time.Time) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := f.byID[user]
	if c == nil || now.Sub(c.last) > failureWindow {
		return false
	}
	return c.n >= maxFailures
}

func (f *loginFailures) fail(user string, now time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.byID == nil {
		f.byID = map[string]*failureCount{}
	}
	c := f.byID[user]
	if c == nil || now.Sub(c.last) > failureWindow {
		c = &failureCount{}
		f.byID[user] = c
	}
	c.n++
	c.last = now
}

func (f *loginFailures) reset(user string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.byID, user)
}

// Secrets is what a wire protocol needs to authenticate a user without the
// account ever keeping the password: the SCRAM-SHA-256 salted password
// (RFC 7677) and PostgreSQL's MD5 digests for the user name as the client may
// spell it, lower or upper case.
type Secrets struct {
	Salt           []byte
	Iterations     int
	SaltedPassword []byte            // PBKDF2-SHA-256(password, Salt, Iterations)
	MD5            map[string]string // user name as sent -> "md5" + hex(md5(password + name))
}

// UserSecrets returns a user's password secrets; ok is false for an unknown
// user or one without a password.
func (a *Account) UserSecrets(user string) (s Secrets, ok bool) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	u := a.findUser(user)
	if u == nil {
		return Secrets{}, false
	}
	info := a.principals[u.principal].user
	if info == nil || info.key == nil {
		return Secrets{}, false
	}
	return Secrets{Salt: info.salt, Iterations: pbkdf2Iterations, SaltedPassword: info.key, MD5: info.md5}, true
}

// UserPublicKeys returns a user's RSA_PUBLIC_KEY and RSA_PUBLIC_KEY_2 (PEM
// bodies as stored), for key-pair authentication.
func (a *Account) UserPublicKeys(user string) []string {
	a.mu.RLock()
	defer a.mu.RUnlock()
	u := a.findUser(user)
	if u == nil {
		return nil
	}
	var keys []string
	for _, k := range []string{"RSA_PUBLIC_KEY", "RSA_PUBLIC_KEY_2"} {
		if v := u.props[k]; v != "" {
			keys = append(keys, v)
		}
	}
	return keys
}

func md5Digests(password, name string) map[string]string {
	out := map[string]string{}
	for _, n := range []string{strings.ToLower(name), strings.ToUpper(name), name} {
		sum := md5.Sum([]byte(password + n))
		out[n] = "md5" + hex.EncodeToString(sum[:])
	}
	return out
}
