package account

// What the data plane asks of the account: resolving a table or view named
// in a query, checking one operation on it, acting with a view owner's
// rights, and forgetting a session's temporary tables. The rules stay in
// rules.go; these are entry points to them.

// LookupRelation resolves the path [db, schema, name] of a table or view
// (tables and views share one name space) for the session, with Snowflake's
// visibility rule: a missing or invisible database or schema is reported
// first, then a missing or invisible relation as a table.
func (a *Account) LookupRelation(x *Actor, path []string) (ObjectID, Kind, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	x.refresh()
	if len(path) != 3 {
		return 0, KindNone, notFound(KindTable, QualifiedName(path...))
	}
	s, err := a.resolve(x, Ref{Kind: KindSchema, Path: path[:2]})
	if err != nil {
		return 0, KindNone, err
	}
	id, ok := a.names[nameKey{parent: s.id, ns: KindTable, name: path[2]}]
	if !ok {
		return 0, KindNone, notFound(KindTable, QualifiedName(path...))
	}
	o := a.objects[id]
	if !a.visible(x, o) {
		return 0, KindNone, notFound(o.kind, QualifiedName(path...))
	}
	if err := a.checkReferenceUsage(x, o); err != nil {
		return 0, KindNone, err
	}
	return o.id, o.kind, nil
}

// Check decides whether the session may perform op on the object id and
// returns nil or the *Error Snowflake would report: not found when the
// session cannot see what is missing, denied when it can (spec §6.4).
func (a *Account) Check(x *Actor, op Op, id ObjectID) error {
	a.mu.RLock()
	defer a.mu.RUnlock()
	if int(id) >= len(a.objects) || id == 0 {
		return notFound(KindNone, "")
	}
	if err := a.authorize(x, op, a.objects[id]); err != nil {
		return err
	}
	return nil
}

// OwnerActor returns an actor with the rights of the role that owns the
// object id now: that role's hierarchy and PUBLIC, no user and no secondary
// roles. A view's body is resolved and checked with it, since a view runs
// with its owner's rights. It is meant for the engine's own use, never to
// be handed to a client.
func (a *Account) OwnerActor(id ObjectID) (*Actor, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	if int(id) >= len(a.objects) || id == 0 || a.objects[id].owner == system {
		return nil, notFound(KindNone, "")
	}
	return a.roleActor(a.objects[id].owner, nil), nil
}

// PrimaryOnly returns an actor for the same user and primary role without
// secondary roles: the rights the owner of an object x creates will have,
// with which a new view's body is checked.
func (x *Actor) PrimaryOnly() *Actor {
	return &Actor{acct: x.acct, user: x.user, primary: x.primary, mode: SecondaryNone, roleOnly: x.roleOnly,
		sessionID: x.sessionID, app: x.app}
}

// ObjectName returns the fully qualified name of a live object as error
// texts print it, and its kind; ok is false for an unknown ID.
func (a *Account) ObjectName(id ObjectID) (name string, kind Kind, ok bool) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	if int(id) >= len(a.objects) || id == 0 {
		return "", KindNone, false
	}
	o := a.objects[id]
	return a.errName(o), o.kind, true
}

// Discard removes an object for good, without an undrop entry and without
// checking privileges: the engine drops a session's temporary tables with
// it when the session ends. Unknown or already discarded IDs are ignored.
func (a *Account) Discard(id ObjectID) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if int(id) >= len(a.objects) || id == 0 {
		return
	}
	o := a.objects[id]
	if o.kind.isPrincipal() || o.kind == KindAccount {
		return
	}
	a.discardObject(o)
}
