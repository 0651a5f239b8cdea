package account

// Removing an installed application for good: a failed install is undone
// this way, and DROP APPLICATION ends here too.

// DiscardApplication removes an application for good, without checking
// privileges: everything in it, its application roles and every grant to
// or from them, and the application's own grants. Objects the application
// owns outside itself pass to the application's owner role. It undoes a
// failed install, leaving the account as it was before CREATE APPLICATION.
// It returns the IDs of the objects removed, so that the engine can forget
// data it keeps about them.
func (a *Account) DiscardApplication(id ObjectID) []ObjectID {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.discardApp(id)
}

func (a *Account) discardApp(id ObjectID) []ObjectID {
	if int(id) >= len(a.objects) || id == 0 || a.apps[id] == nil {
		return nil
	}
	app := a.objects[id]
	var removed []ObjectID
	var walk func(o *object)
	walk = func(o *object) {
		for _, c := range sortedIDs(o.children) {
			walk(a.objects[c])
		}
		removed = append(removed, o.id)
		if o.kind.isPrincipal() {
			a.discardPrincipal(o, app.owner)
		} else {
			a.discardObject(o)
		}
	}
	// Dropped objects are no longer children; they leave with the rest.
	for _, stack := range a.dropped {
		for _, d := range stack {
			if o := a.objects[d]; a.inApp(o, id) {
				removed = append(removed, d)
				a.discardObject(o)
			}
		}
	}
	walk(app)
	delete(a.apps, id)
	return removed
}

// inApp reports whether o lies inside the application app.
func (a *Account) inApp(o *object, app ObjectID) bool {
	for p := o; p != nil && p.kind != KindAccount; p = a.objects[p.parent] {
		if p.parent == app {
			return true
		}
	}
	return false
}

// discardObject removes a non-principal object for good (no undrop).
func (a *Account) discardObject(o *object) {
	key := keyOf(o)
	if a.names[key] == o.id {
		delete(a.names, key)
	}
	a.unstackDropped(key, o.id)
	o.dropped = true
	if p := a.objects[o.parent]; p != nil {
		delete(p.children, o.id)
	}
	a.dropAllGrants(o)
	if o.owner != system {
		delete(a.principals[o.owner].owns, o.id)
	}
	for k := range a.future {
		if k.container == o.id {
			delete(a.future, k)
		}
	}
}

// discardPrincipal removes a principal object for good: its grants and role
// grants go; what it still owns passes to heir.
func (a *Account) discardPrincipal(o *object, heir PrincipalID) {
	a.erasePrincipalTo(o, heir)
	a.discardObject(o)
}

// unstackDropped takes id out of key's undrop stack.
func (a *Account) unstackDropped(key nameKey, id ObjectID) {
	stack := a.dropped[key]
	for i, d := range stack {
		if d == id {
			a.dropped[key] = append(stack[:i:i], stack[i+1:]...)
			break
		}
	}
	if len(a.dropped[key]) == 0 {
		delete(a.dropped, key)
	}
}
