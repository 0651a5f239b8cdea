package account

// Stored procedures (spec §9.6): what the engine asks of the account to
// call one. The rule for CALL is OpUse on the procedure (USAGE); an
// owner's-rights procedure then acts with its owner's role.

// ProcedureSignatures returns the argument type lists of the procedures
// named path (database, schema, name) the session can see, for matching a
// CALL's arguments.
func (a *Account) ProcedureSignatures(x *Actor, path []string) [][]string {
	a.mu.RLock()
	defer a.mu.RUnlock()
	x.refresh()
	if len(path) != 3 {
		return nil
	}
	s := a.lookup(KindSchema, path[:2], nil)
	if s == nil {
		return nil
	}
	var out [][]string
	for id := range s.children {
		o := a.objects[id]
		if o.kind == KindProcedure && !o.dropped && o.name == path[2] && a.visible(x, o) {
			out = append(out, append([]string{}, o.args...))
		}
	}
	return out
}

// ProcedureActor returns the actor an owner's-rights procedure runs with:
// the role that owns the procedure now (its hierarchy and PUBLIC, no
// secondary roles), in the caller's session, so that the caller's
// session-scoped references and temporary tables stay reachable. A
// procedure an application owns runs as the application (ApplicationActor).
func (a *Account) ProcedureActor(id ObjectID, caller *Actor) (*Actor, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	if int(id) >= len(a.objects) || id == 0 || a.objects[id].owner == system {
		return nil, notFound(KindProcedure, "")
	}
	return a.roleActor(a.objects[id].owner, caller), nil
}
