package account

import (
	"strings"
)

// Ref names an object: its kind, its fully qualified path of stored
// identifiers ([db], [db, schema], [db, schema, name], [name] for
// account-level objects, [db, role] for database roles), and the argument
// types of a function or procedure.
type Ref struct {
	Kind Kind
	Path []string
	Args []string
}

func (r Ref) String() string {
	s := QualifiedName(r.Path...)
	if r.Kind == KindFunction || r.Kind == KindProcedure {
		s += joinArgs(r.Args)
	}
	return s
}

// Outcome says what a DDL statement did.
type Outcome uint8

const (
	Done    Outcome = iota
	Existed         // CREATE ... IF NOT EXISTS found the name taken
	Absent          // DROP/ALTER ... IF EXISTS found nothing
)

// depth is the path length of each kind.
func depth(k Kind) int {
	switch {
	case k.inSchema():
		return 3
	case k.inDatabase():
		return 2
	}
	return 1
}

// lookupDatabaseLike finds a live database or application by name: the
// container part of a longer path. An application package holds schemas
// too (its shared content, spec native-apps B.4); a database or
// application of the same name comes first.
func (a *Account) lookupDatabaseLike(name string) *object {
	id, ok := a.names[nameKey{parent: a.accountObj, ns: KindDatabase, name: name}]
	if !ok {
		if id, ok = a.names[nameKey{parent: a.accountObj, ns: KindApplicationPackage, name: name}]; !ok {
			return nil
		}
	}
	return a.objects[id]
}

// lookup finds a live object by path without judging visibility.
func (a *Account) lookup(k Kind, path []string, args []string) *object {
	if len(path) != depth(k) {
		return nil
	}
	parent := a.accountObj
	switch len(path) {
	case 3:
		s := a.lookup(KindSchema, path[:2], nil)
		if s == nil {
			return nil
		}
		parent = s.id
	case 2:
		d := a.lookupDatabaseLike(path[0])
		if d == nil || (k == KindApplicationRole && d.kind != KindApplication) ||
			(k == KindDatabaseRole && d.kind != KindDatabase) {
			return nil
		}
		parent = d.id
	}
	id, ok := a.names[nameKey{parent: parent, ns: k.namespace(), name: path[len(path)-1], args: joinArgs(args)}]
	if !ok {
		if k == KindSchema && len(path) == 2 && a.objects[parent].kind == KindApplication {
			return a.sharedSchema(a.objects[parent], path[1])
		}
		return nil
	}
	o := a.objects[id]
	if o.kind != k {
		return nil
	}
	return o
}

// resolve finds the object named by ref as the session sees it: a container
// or object that is missing or invisible is reported, outermost first, as
// "does not exist or not authorized".
func (a *Account) resolve(x *Actor, ref Ref) (*object, *Error) {
	if ref.Kind == KindAccount {
		return a.objects[a.accountObj], nil
	}
	if len(ref.Path) != depth(ref.Kind) {
		return nil, notFound(ref.Kind, QualifiedName(ref.Path...))
	}
	for i := 1; i < len(ref.Path); i++ {
		k := KindDatabase
		var c *object
		if i == 2 {
			k = KindSchema
			c = a.lookup(k, ref.Path[:i], nil)
		} else if c = a.lookupDatabaseLike(ref.Path[0]); c != nil && c.kind == KindApplication {
			k = KindApplication
		}
		if c == nil || !a.visible(x, c) || a.borrowed(x, ref.Path, c) {
			return nil, notFound(k, QualifiedName(ref.Path[:i]...))
		}
	}
	o := a.lookup(ref.Kind, ref.Path, ref.Args)
	if o == nil || !a.visible(x, o) || a.borrowed(x, ref.Path, o) {
		name := QualifiedName(ref.Path...)
		return nil, notFound(ref.Kind, name)
	}
	return o, nil
}

// resolveScope is resolve for a container named as a scope (SHOW ... IN
// DATABASE d, INFORMATION_SCHEMA): a database there may be an application,
// which holds schemas the same way.
func (a *Account) resolveScope(x *Actor, ref Ref) (*object, *Error) {
	if ref.Kind == KindDatabase && len(ref.Path) == 1 {
		if o := a.lookupDatabaseLike(ref.Path[0]); o != nil && o.kind == KindApplication && a.visible(x, o) {
			return o, nil
		}
	}
	return a.resolve(x, ref)
}

// parentOf resolves the container a new object of ref would live in.
func (a *Account) parentOf(x *Actor, ref Ref) (*object, *Error) {
	switch depth(ref.Kind) {
	case 3:
		return a.resolve(x, Ref{Kind: KindSchema, Path: ref.Path[:2]})
	case 2:
		c := a.lookupDatabaseLike(ref.Path[0])
		if c == nil || !a.visible(x, c) {
			return nil, notFound(KindDatabase, ref.Path[0])
		}
		return c, nil
	}
	return a.objects[a.accountObj], nil
}

// Lookup resolves ref for the session, with Snowflake's visibility rule.
func (a *Account) Lookup(x *Actor, ref Ref) (ObjectID, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	o, err := a.resolve(x, ref)
	if err != nil {
		return 0, err
	}
	return o.id, nil
}

// CreateSpec describes a CREATE statement.
type CreateSpec struct {
	Ref         Ref
	OrReplace   bool
	IfNotExists bool
	Comment     string
	Transient   bool
	Managed     bool              // schemas WITH MANAGED ACCESS
	Props       map[string]string // kind-specific: warehouse options, user properties, view text
}

// Create creates an object owned by the session's primary role, after
// checking the primary role's CREATE privilege on the container, and applies
// the container's future grants to it.
func (a *Account) Create(x *Actor, spec CreateSpec) (Outcome, error) {
	_, out, err := a.CreateObject(x, spec)
	return out, err
}

// CreateObject is Create that also returns the new object's ID (or, when
// IF NOT EXISTS found the name taken, the existing object's), so that a
// caller keeping data of its own about the object can key it by ID.
func (a *Account) CreateObject(x *Actor, spec CreateSpec) (ObjectID, Outcome, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	x.refresh()
	ref := spec.Ref
	if len(ref.Path) != depth(ref.Kind) || createOp(ref.Kind) == OpNone {
		return 0, Done, invalid("cannot create %s %s", ref.Kind, ref)
	}
	parent, err := a.parentOf(x, ref)
	if err != nil {
		return 0, Done, err
	}
	if err := a.checkCreateIn(x, ref.Kind, parent); err != nil {
		return 0, Done, err
	}
	if err := a.authorize(x, createOp(ref.Kind), parent); err != nil {
		return 0, Done, err
	}
	if parent.system && parent.kind == KindSchema {
		return 0, Done, invalid("Cannot create objects in schema %s.", a.fqn(parent))
	}
	name := ref.Path[len(ref.Path)-1]
	key := nameKey{parent: parent.id, ns: ref.Kind.namespace(), name: name, args: joinArgs(ref.Args)}
	if id, ok := a.names[key]; ok {
		old := a.objects[id]
		switch {
		case spec.IfNotExists && old.kind == ref.Kind:
			return old.id, Existed, nil
		case spec.OrReplace && old.kind == ref.Kind:
			if err := a.authorize(x, OpOwn, old); err != nil {
				return 0, Done, err
			}
			if old.system {
				return 0, Done, protected("Cannot replace system object '%s'.", name)
			}
			a.destroy(x, old)
		default:
			return 0, Done, &Error{Code: ErrAlreadyExists, Name: old.name}
		}
	}
	if ref.Kind == KindUser {
		for k := range spec.Props {
			if !settableUserProps[k] {
				return 0, Done, invalid("invalid property '%s' for 'USER'", k)
			}
		}
	}
	o := &object{kind: ref.Kind, name: name, args: ref.Args, parent: parent.id, owner: x.primary,
		comment: spec.Comment, transient: spec.Transient, managed: spec.Managed, props: map[string]string{}}
	for k, v := range spec.Props {
		o.props[k] = v
	}
	if ref.Kind == KindWarehouse {
		for k, v := range defaultWarehouseProps() {
			if _, set := o.props[k]; !set {
				o.props[k] = v
			}
		}
	}
	a.addObject(o)
	a.setOwner(o, x.primary)
	now := o.created
	switch ref.Kind {
	case KindUser:
		u := &userInfo{}
		u.setPassword(o.props["PASSWORD"], o.name)
		delete(o.props, "PASSWORD")
		a.principals[o.principal].user = u
		if _, ok := o.props["LOGIN_NAME"]; !ok {
			o.props["LOGIN_NAME"] = name
		}
		if _, ok := o.props["DISPLAY_NAME"]; !ok {
			o.props["DISPLAY_NAME"] = name
		}
	case KindDatabaseRole:
		// "the USAGE privilege on the database that contains the database role
		// is granted to the database role automatically" (spec §10.1)
		a.addGrant(parent, o.principal, PrivUsage, false, system, now)
	case KindDatabase:
		pub := a.addObject(&object{kind: KindSchema, name: "PUBLIC", parent: o.id, owner: o.owner, created: now,
			transient: o.transient, props: map[string]string{}})
		a.setOwner(pub, o.owner)
		a.addObject(&object{kind: KindSchema, name: "INFORMATION_SCHEMA", parent: o.id, system: true, created: now})
	}
	a.applyFuture(o)
	return o.id, Done, nil
}

// setOwner moves o's ownership, keeping each principal's index of what it owns.
func (a *Account) setOwner(o *object, owner PrincipalID) {
	if o.owner != system && o.owner != owner && int(o.owner) < len(a.principals) {
		delete(a.principals[o.owner].owns, o.id)
	}
	o.owner = owner
	if owner != system {
		p := a.principals[owner]
		if p.owns == nil {
			p.owns = map[ObjectID]struct{}{}
		}
		p.owns[o.id] = struct{}{}
		if o.kind == KindApplication {
			a.grantAppRolesToOwner(o)
		}
	}
}

// DropSpec describes a DROP statement.
type DropSpec struct {
	Ref      Ref
	IfExists bool
}

// Drop drops an object its owner's rights allow. Databases, schemas and
// schema objects keep their grants for UNDROP; roles and users are gone for
// good, their grants revoked and their objects owned by the dropping role.
func (a *Account) Drop(x *Actor, spec DropSpec) (Outcome, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	x.refresh()
	o, err := a.resolve(x, spec.Ref)
	if err != nil {
		if spec.IfExists && err.Code == ErrNotFound {
			return Absent, nil
		}
		return Done, err
	}
	if o.system {
		return Done, protected("Cannot drop system %s '%s'.", o.kind.Lower(), o.name)
	}
	if err := a.authorize(x, OpOwn, o); err != nil {
		return Done, err
	}
	if o.kind == KindUser && o.principal == x.user {
		return Done, protected("Cannot drop the current user.")
	}
	a.destroy(x, o)
	return Done, nil
}

// destroy removes o: principals and replaced objects for good, the rest
// into the undrop stack.
func (a *Account) destroy(x *Actor, o *object) {
	key := keyOf(o)
	delete(a.names, key)
	o.dropped = true
	if o.kind.isPrincipal() {
		a.erasePrincipal(x, o)
		return
	}
	a.dropped[key] = append(a.dropped[key], o.id)
}

// erasePrincipal revokes every grant naming the principal as grantee or
// grantor and hands what it owns to the dropping session's primary role.
func (a *Account) erasePrincipal(x *Actor, o *object) { a.erasePrincipalTo(o, x.primary) }

// erasePrincipalTo is erasePrincipal handing what the principal owns to heir.
func (a *Account) erasePrincipalTo(o *object, heir PrincipalID) {
	p := a.principals[o.principal]
	for _, r := range append([]PrincipalID(nil), p.holds...) {
		a.removeRoleGrant(r, p.id)
	}
	for _, g := range append([]PrincipalID(nil), p.heldBy...) {
		a.removeRoleGrant(p.id, g)
	}
	for id := range p.grantsOn {
		a.removeGrants(a.objects[id], p.id, false, func(grantRec) bool { return true })
	}
	for _, obj := range a.objects[1:] {
		if len(obj.acl) == 0 {
			continue
		}
		for _, e := range append([]aclEntry(nil), obj.acl...) {
			a.removeGrants(obj, e.grantee, false, func(r grantRec) bool { return r.grantor == p.id })
		}
	}
	for k, fs := range a.future {
		kept := fs[:0]
		for _, f := range fs {
			if f.grantee != p.id {
				kept = append(kept, f)
			}
		}
		a.future[k] = kept
	}
	for id := range p.owns {
		a.setOwner(a.objects[id], heir)
	}
	a.roleGen++
}

// Undrop restores the most recently dropped object of that name.
func (a *Account) Undrop(x *Actor, ref Ref) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	x.refresh()
	if ref.Kind.isPrincipal() || ref.Kind == KindWarehouse {
		return invalid("UNDROP is not supported for %s.", ref.Kind.Lower())
	}
	parent, err := a.parentOf(x, ref)
	if err != nil {
		return err
	}
	key := nameKey{parent: parent.id, ns: ref.Kind.namespace(), name: ref.Path[len(ref.Path)-1], args: joinArgs(ref.Args)}
	stack := a.dropped[key]
	var o *object
	for i := len(stack) - 1; i >= 0; i-- {
		if a.objects[stack[i]].kind == ref.Kind {
			o = a.objects[stack[i]]
			a.dropped[key] = append(stack[:i:i], stack[i+1:]...)
			break
		}
	}
	if o == nil {
		return notFound(ref.Kind, QualifiedName(ref.Path...))
	}
	if _, taken := a.names[key]; taken {
		a.dropped[key] = append(a.dropped[key], o.id)
		return &Error{Code: ErrAlreadyExists, Name: QualifiedName(ref.Path...)}
	}
	o.dropped = false
	if err := a.authorize(x, OpOwn, o); err != nil {
		o.dropped = true
		a.dropped[key] = append(a.dropped[key], o.id)
		return err
	}
	a.names[key] = o.id
	return nil
}

// Rename renames an object, possibly into another database or schema
// (ALTER TABLE d.s.t RENAME TO d2.s2.t). Grants and ownership stay with it.
func (a *Account) Rename(x *Actor, ref Ref, newPath []string, ifExists bool) (Outcome, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	x.refresh()
	o, err := a.resolve(x, ref)
	if err != nil {
		if ifExists && err.Code == ErrNotFound {
			return Absent, nil
		}
		return Done, err
	}
	if o.system {
		return Done, protected("Cannot rename system %s '%s'.", o.kind.Lower(), o.name)
	}
	if err := a.authorize(x, OpOwn, o); err != nil {
		return Done, err
	}
	target := Ref{Kind: ref.Kind, Path: newPath, Args: ref.Args}
	parent, err := a.parentOf(x, target)
	if err != nil {
		return Done, err
	}
	if err := a.checkCreateIn(x, o.kind, parent); err != nil {
		return Done, err
	}
	if parent.id != o.parent {
		if err := a.authorize(x, createOp(o.kind), parent); err != nil {
			return Done, err
		}
	}
	key := nameKey{parent: parent.id, ns: o.kind.namespace(), name: newPath[len(newPath)-1], args: joinArgs(o.args)}
	if _, taken := a.names[key]; taken {
		return Done, &Error{Code: ErrAlreadyExists, Name: QualifiedName(newPath...)}
	}
	delete(a.names, keyOf(o))
	if old := a.objects[o.parent]; old != nil {
		delete(old.children, o.id)
	}
	o.parent, o.name = parent.id, key.name
	if parent.children == nil {
		parent.children = map[ObjectID]struct{}{}
	}
	parent.children[o.id] = struct{}{}
	a.names[key] = o.id
	return Done, nil
}

// AlterSpec describes the property changes of an ALTER statement.
type AlterSpec struct {
	Set     map[string]string // property -> value; COMMENT included
	Unset   []string
	Managed *bool // schemas: ENABLE / DISABLE MANAGED ACCESS
}

// Alter changes an object's properties with its owner's rights.
func (a *Account) Alter(x *Actor, ref Ref, spec AlterSpec, ifExists bool) (Outcome, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	x.refresh()
	o, err := a.resolve(x, ref)
	if err != nil {
		if ifExists && err.Code == ErrNotFound {
			return Absent, nil
		}
		return Done, err
	}
	op := OpOwn
	if o.kind == KindWarehouse && onlyStateChange(spec) {
		op = OpOperate
	}
	if err := a.authorize(x, op, o); err != nil {
		return Done, err
	}
	if o.system && o.kind != KindWarehouse {
		return Done, protected("Cannot alter system %s '%s'.", o.kind.Lower(), o.name)
	}
	if o.kind == KindUser {
		for k := range spec.Set {
			if !settableUserProps[k] {
				return Done, invalid("invalid property '%s' for 'USER'", k)
			}
		}
	}
	for k, v := range spec.Set {
		switch {
		case k == "COMMENT":
			o.comment = v
		case k == "PASSWORD" && o.kind == KindUser:
			a.principals[o.principal].user.setPassword(v, o.name)
		default:
			if o.props == nil {
				o.props = map[string]string{}
			}
			o.props[k] = v
		}
	}
	for _, k := range spec.Unset {
		switch k {
		case "COMMENT":
			o.comment = ""
		case "PASSWORD":
			if o.kind == KindUser {
				a.principals[o.principal].user.setPassword("", o.name)
			}
		default:
			delete(o.props, k)
		}
	}
	if spec.Managed != nil && o.kind == KindSchema {
		o.managed = *spec.Managed
	}
	return Done, nil
}

func onlyStateChange(spec AlterSpec) bool {
	if len(spec.Unset) > 0 || spec.Managed != nil {
		return false
	}
	for k := range spec.Set {
		if k != "STATE" {
			return false
		}
	}
	return len(spec.Set) > 0
}

func defaultWarehouseProps() map[string]string {
	return map[string]string{"STATE": "STARTED", "TYPE": "STANDARD", "WAREHOUSE_SIZE": "X-Small",
		"AUTO_SUSPEND": "600", "AUTO_RESUME": "true", "MIN_CLUSTER_COUNT": "1", "MAX_CLUSTER_COUNT": "1",
		"SCALING_POLICY": "STANDARD", "ENABLE_QUERY_ACCELERATION": "false",
		"QUERY_ACCELERATION_MAX_SCALE_FACTOR": "8"}
}

// WarehouseSize turns any accepted spelling (XSMALL, 'X-SMALL', x-small)
// into Snowflake's display form (X-Small), or "" if it is not a size.
func WarehouseSize(s string) string {
	norm := strings.ToUpper(strings.ReplaceAll(s, "-", ""))
	sizes := map[string]string{"XSMALL": "X-Small", "SMALL": "Small", "MEDIUM": "Medium", "LARGE": "Large",
		"XLARGE": "X-Large", "XXLARGE": "2X-Large", "X2LARGE": "2X-Large", "2XLARGE": "2X-Large",
		"XXXLARGE": "3X-Large", "X3LARGE": "3X-Large", "3XLARGE": "3X-Large", "X4LARGE": "4X-Large",
		"4XLARGE": "4X-Large", "X5LARGE": "5X-Large", "5XLARGE": "5X-Large", "X6LARGE": "6X-Large",
		"6XLARGE": "6X-Large"}
	return sizes[norm]
}
