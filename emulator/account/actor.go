package account

import (
	"sort"
	"strings"
	"sync/atomic"
)

// SecondaryMode is what USE SECONDARY ROLES asked for.
type SecondaryMode uint8

const (
	SecondaryNone SecondaryMode = iota
	SecondaryAll
	SecondaryList
)

// Actor is a session's identity as the account sees it: the user, the
// primary role, the secondary roles, and the active role sets derived from
// them. An Actor belongs to one session and is not safe for concurrent use;
// the account may be used by many actors at once.
type Actor struct {
	acct      *Account
	user      PrincipalID
	primary   PrincipalID
	mode      SecondaryMode
	secondary []PrincipalID // SecondaryList: the roles named
	sessionID int64
	roleOnly  bool     // acts for a role, not a user (OwnerActor): the primary role needs no user grant
	app       ObjectID // acts as this application (its setup script, its procedures); 0 otherwise
	// shareOf is the share of the package whose view's body this actor
	// runs for an application (OwnerActorFor); system otherwise.
	shareOf PrincipalID

	gen     uint64  // roleGen the sets were computed at; 0 forces a refresh
	active  roleSet // every role whose privileges authorise non-CREATE actions
	primSet roleSet // the primary role's hierarchy (+ PUBLIC): CREATE actions
}

var sessionSeq atomic.Int64

func (a *Account) newActor(user, primary PrincipalID, mode SecondaryMode) *Actor {
	return &Actor{acct: a, user: user, primary: primary, mode: mode, sessionID: 1000000 + sessionSeq.Add(1)}
}

// SessionID returns a number unique to this actor's session.
func (x *Actor) SessionID() int64 { return x.sessionID }

// refresh recomputes the active role sets if the role graph changed. The
// caller holds the account lock (read or write).
func (x *Actor) refresh() {
	a := x.acct
	if x.gen == a.roleGen {
		return
	}
	n := len(a.principals)
	x.primSet.reset(n)
	x.active.reset(n)
	if x.app == 0 {
		// An application reaches nothing in the consumer account, PUBLIC's
		// grants included, except through bound references.
		x.primSet.add(a.public)
	}
	if x.primaryLive() {
		x.primSet.addAll(a.closure(x.primary))
	}
	x.active.addAll(x.primSet.list)
	if x.app != 0 {
		// An application acts with what its package shares (appshare.go).
		if share := a.appShare(x.app); share != system {
			x.active.add(share)
		}
	}
	switch x.mode {
	case SecondaryAll:
		// Every role granted to the user, re-evaluated per statement; direct
		// user grants (UBAC) count only in this mode.
		x.active.addAll(a.closure(x.user))
	case SecondaryList:
		for _, r := range x.secondary {
			if a.objects[a.principals[r].obj].dropped || !a.inherits(x.user, r) {
				continue
			}
			x.active.addAll(a.closure(r))
		}
	}
	x.primSet.sort()
	x.active.sort()
	x.gen = a.roleGen
}

func (x *Actor) primaryLive() bool {
	o := x.acct.objects[x.acct.principals[x.primary].obj]
	if x.roleOnly {
		return !o.dropped
	}
	return !o.dropped && x.acct.inherits(x.user, x.primary)
}

func (x *Actor) invalidate() { x.gen = 0 }

// Login authenticates a user by password and returns its session actor:
// the primary role is role (which the user must hold), else the user's
// DEFAULT_ROLE when the user holds it, else PUBLIC. Unknown users and wrong
// passwords give the same error, and take the same time; a user with too
// many recent failures is refused for a while (ErrLocked).
func (a *Account) Login(user, password, role string) (*Actor, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	u := a.findUser(user)
	key := strings.ToUpper(user)
	if u != nil {
		key = u.name
	}
	if a.failures.locked(key, a.cfg.Now()) {
		return nil, &Error{Code: ErrLocked}
	}
	ok := false
	if u == nil {
		(&userInfo{salt: make([]byte, 16), key: make([]byte, 32)}).checkPassword(password)
	} else {
		ok = a.principals[u.principal].user.checkPassword(password)
	}
	if !ok {
		a.failures.fail(key, a.cfg.Now())
		return nil, &Error{Code: ErrBadCredentials}
	}
	a.failures.reset(key)
	return a.startSession(u, role)
}

// LoginVerified starts a session for a user whom a wire protocol has
// already authenticated (SCRAM, key-pair JWT, OAuth token): the same rules
// as Login but for the password, the lock-out included, so that a protocol
// checking the proof itself cannot bypass it.
func (a *Account) LoginVerified(user, role string) (*Actor, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	u := a.findUser(user)
	if u == nil {
		return nil, &Error{Code: ErrBadCredentials}
	}
	if a.failures.locked(u.name, a.cfg.Now()) {
		return nil, &Error{Code: ErrLocked}
	}
	a.failures.reset(u.name)
	return a.startSession(u, role)
}

// LoginFailed records a failed login that a wire protocol detected itself
// (a wrong SCRAM proof or MD5 digest) and returns the error to show, as
// Login would have: ErrLocked when the user is locked out, else
// ErrBadCredentials.
func (a *Account) LoginFailed(user string) error {
	a.mu.RLock()
	defer a.mu.RUnlock()
	key := strings.ToUpper(user)
	if u := a.findUser(user); u != nil {
		key = u.name
	}
	now := a.cfg.Now()
	if a.failures.locked(key, now) {
		return &Error{Code: ErrLocked}
	}
	a.failures.fail(key, now)
	return &Error{Code: ErrBadCredentials}
}

func (a *Account) startSession(u *object, role string) (*Actor, error) {
	if isTrue(u.props["DISABLED"]) {
		return nil, &Error{Code: ErrUserDisabled}
	}
	primary := a.public
	if role != "" {
		r := a.lookupRole(role)
		if r == nil || !a.inherits(u.principal, r.principal) {
			return nil, &Error{Code: ErrLoginRole, Name: role}
		}
		primary = r.principal
	} else if def := u.props["DEFAULT_ROLE"]; def != "" {
		if r := a.lookupRole(def); r != nil && a.inherits(u.principal, r.principal) {
			primary = r.principal
		}
	}
	mode := SecondaryAll
	if v, ok := u.props["DEFAULT_SECONDARY_ROLES"]; ok && v == "" {
		mode = SecondaryNone
	}
	return a.newActor(u.principal, primary, mode), nil
}

func isTrue(s string) bool { return strings.EqualFold(s, "true") }

// findUser finds a user by name or LOGIN_NAME, case-insensitively as
// Snowflake's login does.
func (a *Account) findUser(login string) *object {
	if id, ok := a.names[nameKey{parent: a.accountObj, ns: KindUser, name: strings.ToUpper(login)}]; ok {
		return a.objects[id]
	}
	if id, ok := a.names[nameKey{parent: a.accountObj, ns: KindUser, name: login}]; ok {
		return a.objects[id]
	}
	for _, p := range a.principals[1:] {
		o := a.objects[p.obj]
		if p.kind == KindUser && !o.dropped && strings.EqualFold(o.props["LOGIN_NAME"], login) {
			return o
		}
	}
	return nil
}

func (a *Account) lookupRole(name string) *object {
	if id, ok := a.names[nameKey{parent: a.accountObj, ns: KindRole, name: name}]; ok {
		return a.objects[id]
	}
	return nil
}

// UserDefaults returns the session user's DEFAULT_WAREHOUSE and
// DEFAULT_NAMESPACE, as stored.
func (a *Account) UserDefaults(x *Actor) (warehouse, namespace string) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	u := a.objects[a.principals[x.user].obj]
	return u.props["DEFAULT_WAREHOUSE"], u.props["DEFAULT_NAMESPACE"]
}

// UseRole makes role the primary role. The role must be granted to the user
// directly or lower in the hierarchy of a role granted to it (003013).
func (a *Account) UseRole(x *Actor, role string) error {
	a.mu.RLock()
	defer a.mu.RUnlock()
	r := a.lookupRole(role)
	if r == nil || x.app != 0 || !a.inherits(x.user, r.principal) {
		// An application takes no account role, not even PUBLIC.
		return &Error{Code: ErrRoleNotAssigned, Name: role}
	}
	x.primary = r.principal
	x.invalidate()
	return nil
}

// UseSecondaryRoles sets the secondary roles: ALL, NONE or a list of roles
// the user must hold (each checked at once).
func (a *Account) UseSecondaryRoles(x *Actor, mode SecondaryMode, roles []string) error {
	a.mu.RLock()
	defer a.mu.RUnlock()
	if x.app != 0 && mode != SecondaryNone {
		return &Error{Code: ErrRoleNotAssigned, Name: strings.Join(roles, ",")}
	}
	var list []PrincipalID
	if mode == SecondaryList {
		for _, name := range roles {
			r := a.lookupRole(name)
			if r == nil || !a.inherits(x.user, r.principal) {
				return &Error{Code: ErrRoleNotAssigned, Name: name}
			}
			list = append(list, r.principal)
		}
	}
	x.mode, x.secondary = mode, list
	x.invalidate()
	return nil
}

// CurrentRole returns the primary role's name.
func (a *Account) CurrentRole(x *Actor) string {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.principalName(x.primary)
}

// CurrentUser returns the session user's name.
func (a *Account) CurrentUser(x *Actor) string {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.principalName(x.user)
}

// SecondaryRoles returns CURRENT_SECONDARY_ROLES()'s two fields: the active
// secondary roles granted directly to the user, sorted, and the request.
func (a *Account) SecondaryRoles(x *Actor) (roles []string, value string) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	switch x.mode {
	case SecondaryAll:
		for _, r := range a.principals[x.user].holds {
			if a.principals[r].kind == KindRole {
				roles = append(roles, a.principalName(r))
			}
		}
		value = "ALL"
	case SecondaryList:
		var req []string
		for _, r := range x.secondary {
			req = append(req, a.principalName(r))
			if a.inherits(x.user, r) {
				roles = append(roles, a.principalName(r))
			}
		}
		value = strings.Join(req, ",")
	}
	sort.Strings(roles)
	return roles, value
}

// AvailableRoles returns CURRENT_AVAILABLE_ROLES(): every account role
// granted to the user or lower in their hierarchies, PUBLIC included, sorted.
func (a *Account) AvailableRoles(x *Actor) []string {
	a.mu.RLock()
	defer a.mu.RUnlock()
	out := []string{a.principalName(a.public)}
	for _, p := range a.closure(x.user) {
		if p != a.public && a.principals[p].kind == KindRole {
			out = append(out, a.principalName(p))
		}
	}
	sort.Strings(out)
	return out
}

// IsRoleInSession reports whether the active primary or secondary roles
// inherit the account role named exactly role.
func (a *Account) IsRoleInSession(x *Actor, role string) bool {
	a.mu.RLock()
	defer a.mu.RUnlock()
	x.refresh()
	r := a.lookupRole(role)
	return r != nil && !r.dropped && x.active.has(r.principal)
}
