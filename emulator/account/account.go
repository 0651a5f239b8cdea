package account

import (
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// ObjectID identifies a securable object for the life of the account; it
// survives renames, drops and undrops.
type ObjectID uint32

// PrincipalID identifies something privileges and roles are granted to: an
// account role, a database role or a user. 0 is SYSTEM, the grantor of a
// fresh account's built-in grants.
type PrincipalID uint32

const system PrincipalID = 0

// Config sets up a fresh account.
type Config struct {
	Name          string           // account locator, CURRENT_ACCOUNT(); default FROSTGATE
	AdminPassword string           // password of user ADMIN; default "admin"
	Now           func() time.Time // clock for created_on; default time.Now
}

// Account is one emulated Snowflake account: its objects, principals and
// grants, and every rule about them. It is safe for concurrent use: every
// exported method runs under one lock, so a reader never sees half of a
// statement's change.
type Account struct {
	mu  sync.RWMutex
	cfg Config

	objects    []*object    // by ObjectID; 0 unused
	principals []*principal // by PrincipalID; 0 is SYSTEM
	names      map[nameKey]ObjectID
	dropped    map[nameKey][]ObjectID // undrop stacks, newest last
	roleGrants map[edge]*roleGrant
	future     map[futureKey][]futureGrant
	roleGen    uint64                // bumped on every change to role grants; invalidates closures
	refs       map[string]*reference // SYSTEM$REFERENCE strings (reference.go)
	refSeq     int
	packages   map[ObjectID]*appPackage  // application packages beside their objects (apppackage.go)
	apps       map[ObjectID]*application // installed applications, by their object (application.go)
	failures   loginFailures

	accountObj                                                         ObjectID
	public, accountadmin, securityadmin, useradmin, sysadmin, orgadmin PrincipalID
}

type nameKey struct {
	parent ObjectID
	ns     Kind
	name   string
	args   string // function and procedure signatures
}

// object is one securable object. Grants on it live in acl, sorted by grantee.
type object struct {
	id        ObjectID
	kind      Kind
	name      string
	args      []string // argument types of functions and procedures
	parent    ObjectID // containing database or schema; the account for top-level objects
	owner     PrincipalID
	created   time.Time
	comment   string
	principal PrincipalID // for roles, database roles and users
	dropped   bool
	managed   bool // schemas WITH MANAGED ACCESS
	transient bool
	system    bool              // built in: cannot be dropped, owner shown empty
	props     map[string]string // kind-specific properties (warehouse size, view text, user fields)
	children  map[ObjectID]struct{}
	acl       []aclEntry
}

// aclEntry is everything one grantee holds on one object: a grant record
// per privilege and grantor (rarely more than a handful).
type aclEntry struct {
	grantee PrincipalID
	recs    []grantRec
}

// sets returns the privileges the entry holds, and those with grant option.
func (e *aclEntry) sets() (privs, opts PrivSet) {
	for _, r := range e.recs {
		privs = privs.With(r.priv)
		if r.opt {
			opts = opts.With(r.priv)
		}
	}
	return privs, opts
}

// grantRec is one grant as SHOW GRANTS lists it: a privilege from a grantor.
type grantRec struct {
	priv    Privilege
	opt     bool
	grantor PrincipalID
	created int64 // unix nanoseconds
}

type principal struct {
	id       PrincipalID
	kind     Kind // KindRole, KindDatabaseRole or KindUser
	obj      ObjectID
	holds    []PrincipalID           // roles granted to this principal
	heldBy   []PrincipalID           // principals this role is granted to
	grantsOn map[ObjectID]struct{}   // objects with an aclEntry for this principal
	owns     map[ObjectID]struct{}   // objects this principal owns
	closure  atomic.Pointer[closure] // cached: itself and every role it inherits
	user     *userInfo               // for users
}

// closure is a principal's inherited roles at one role-graph generation.
type closure struct {
	gen  uint64
	list []PrincipalID // sorted
}

type edge struct{ role, grantee PrincipalID }

type roleGrant struct {
	role, grantee PrincipalID
	opt           bool
	grantor       PrincipalID
	created       time.Time
}

type futureKey struct {
	container ObjectID // database or schema
	kind      Kind     // object kind the grant applies to
}

type futureGrant struct {
	grantee   PrincipalID
	priv      Privilege
	ownership bool
	opt       bool
	created   time.Time
}

// New returns a fresh account: a new trial account's system roles and
// hierarchy, their default global privileges, user ADMIN with ACCOUNTADMIN
// as default role, and warehouse COMPUTE_WH owned by SYSADMIN.
func New(cfg Config) *Account {
	if cfg.Name == "" {
		cfg.Name = "FROSTGATE"
	}
	if cfg.AdminPassword == "" {
		cfg.AdminPassword = "admin"
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	a := &Account{
		cfg:        cfg,
		objects:    []*object{nil},
		principals: []*principal{{id: system}},
		names:      map[nameKey]ObjectID{},
		dropped:    map[nameKey][]ObjectID{},
		roleGrants: map[edge]*roleGrant{},
		future:     map[futureKey][]futureGrant{},
		roleGen:    1,
	}
	a.accountObj = a.addObject(&object{kind: KindAccount, name: cfg.Name, system: true}).id
	sysRole := func(name string) PrincipalID {
		o := a.addObject(&object{kind: KindRole, name: name, parent: a.accountObj, system: true})
		return o.principal
	}
	a.accountadmin = sysRole("ACCOUNTADMIN")
	a.orgadmin = sysRole("ORGADMIN")
	a.public = sysRole("PUBLIC")
	a.securityadmin = sysRole("SECURITYADMIN")
	a.sysadmin = sysRole("SYSADMIN")
	a.useradmin = sysRole("USERADMIN")

	now := a.cfg.Now()
	a.addRoleGrant(a.securityadmin, a.accountadmin, false, system, now)
	a.addRoleGrant(a.sysadmin, a.accountadmin, false, system, now)
	a.addRoleGrant(a.useradmin, a.securityadmin, false, system, now)

	// Default global privileges (spec §1.3, Titan's live table): held directly,
	// with grant option, granted by SYSTEM.
	userAdmin := setOf("CREATE ROLE", "CREATE USER")
	secAdmin := setOf("MANAGE GRANTS", "CREATE NETWORK POLICY", "APPLY AUTHENTICATION POLICY",
		"APPLY PACKAGES POLICY", "APPLY PASSWORD POLICY", "APPLY SESSION POLICY", "ATTACH POLICY",
		"BIND SERVICE ENDPOINT")
	sysAdmin := setOf("CREATE DATABASE", "CREATE WAREHOUSE", "CREATE COMPUTE POOL")
	acctAdmin := globalPrivs.Minus(userAdmin).Minus(secAdmin).Minus(sysAdmin)
	for _, g := range []struct {
		role  PrincipalID
		privs PrivSet
	}{{a.useradmin, userAdmin}, {a.securityadmin, secAdmin}, {a.sysadmin, sysAdmin}, {a.accountadmin, acctAdmin}} {
		acct := a.objects[a.accountObj]
		g.privs.Each(func(p Privilege) { a.addGrant(acct, g.role, p, true, system, now) })
	}

	wh := a.addObject(&object{kind: KindWarehouse, name: "COMPUTE_WH", parent: a.accountObj,
		props: defaultWarehouseProps()})
	a.setOwner(wh, a.sysadmin)
	admin := a.addObject(&object{kind: KindUser, name: "ADMIN", parent: a.accountObj, props: map[string]string{}})
	a.setOwner(admin, a.accountadmin)
	u := a.principals[admin.principal]
	u.user = &userInfo{}
	u.user.setPassword(cfg.AdminPassword, admin.name)
	admin.props["DEFAULT_ROLE"] = "ACCOUNTADMIN"
	admin.props["DEFAULT_WAREHOUSE"] = wh.name
	admin.props["LOGIN_NAME"] = "ADMIN"
	admin.props["DISPLAY_NAME"] = "ADMIN"
	a.addRoleGrant(a.accountadmin, admin.principal, false, system, now)
	return a
}

// Name returns the account locator.
func (a *Account) Name() string { return a.cfg.Name }

// addObject registers o under a new ID, in its container's name space, and
// as a principal when it is one.
func (a *Account) addObject(o *object) *object {
	o.id = ObjectID(len(a.objects))
	if o.created.IsZero() {
		o.created = a.cfg.Now()
	}
	a.objects = append(a.objects, o)
	if o.kind == KindAccount {
		return o
	}
	a.names[keyOf(o)] = o.id
	if p := a.objects[o.parent]; p != nil && o.parent != 0 {
		if p.children == nil {
			p.children = map[ObjectID]struct{}{}
		}
		p.children[o.id] = struct{}{}
	}
	if o.kind.isPrincipal() {
		p := &principal{id: PrincipalID(len(a.principals)), kind: o.kind, obj: o.id}
		a.principals = append(a.principals, p)
		o.principal = p.id
	}
	return o
}

func keyOf(o *object) nameKey {
	return nameKey{parent: o.parent, ns: o.kind.namespace(), name: o.name, args: joinArgs(o.args)}
}

func joinArgs(args []string) string {
	if args == nil {
		return ""
	}
	s := "("
	for i, t := range args {
		if i > 0 {
			s += ", "
		}
		s += t
	}
	return s + ")"
}

// live reports whether o and all its containers exist (are not dropped).
func (a *Account) live(o *object) bool {
	for o != nil {
		if o.dropped {
			return false
		}
		if o.parent == 0 || o.kind == KindAccount {
			return true
		}
		o = a.objects[o.parent]
	}
	return false
}

// fqn renders an object's fully qualified name as SHOW output prints it.
func (a *Account) fqn(o *object) string {
	switch {
	case o.kind == KindAccount:
		return o.name
	case o.kind.inSchema():
		s := a.objects[o.parent]
		d := a.objects[s.parent]
		n := QualifiedName(d.name, s.name, o.name)
		if o.kind == KindFunction || o.kind == KindProcedure {
			n += joinArgs(o.args)
		}
		return n
	case o.kind.inDatabase():
		return QualifiedName(a.objects[o.parent].name, o.name)
	default:
		return QuoteIdent(o.name)
	}
}

func (a *Account) principalName(p PrincipalID) string {
	if p == system {
		return ""
	}
	return a.objects[a.principals[p].obj].name
}

// granteeName renders a grantee as SHOW GRANTS prints it: database roles by
// their bare name (BCR-2371).
func (a *Account) granteeName(p PrincipalID) string {
	if p == system {
		return ""
	}
	return QuoteIdent(a.principalName(p))
}

// roleFQN renders a principal as a role name in SHOW GRANTS OF / the name
// column: database roles as DB.ROLE.
func (a *Account) roleFQN(p PrincipalID) string {
	return a.fqn(a.objects[a.principals[p].obj])
}

func sortedIDs(m map[ObjectID]struct{}) []ObjectID {
	out := make([]ObjectID, 0, len(m))
	for id := range m {
		out = append(out, id)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
