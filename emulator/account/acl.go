package account

import (
	"sort"
	"time"
)

// aclIndex returns the position of grantee's entry in o.acl, or where it
// would be inserted, and whether it exists.
func aclIndex(o *object, grantee PrincipalID) (int, bool) {
	i := sort.Search(len(o.acl), func(i int) bool { return o.acl[i].grantee >= grantee })
	return i, i < len(o.acl) && o.acl[i].grantee == grantee
}

// addGrant records priv on o for grantee from grantor. A repeated grant from
// the same grantor keeps its first time and can only gain the grant option.
func (a *Account) addGrant(o *object, grantee PrincipalID, priv Privilege, opt bool, grantor PrincipalID, at time.Time) {
	i, ok := aclIndex(o, grantee)
	if !ok {
		o.acl = append(o.acl, aclEntry{})
		copy(o.acl[i+1:], o.acl[i:])
		o.acl[i] = aclEntry{grantee: grantee}
		p := a.principals[grantee]
		if p.grantsOn == nil {
			p.grantsOn = map[ObjectID]struct{}{}
		}
		p.grantsOn[o.id] = struct{}{}
	}
	e := &o.acl[i]
	for j := range e.recs {
		r := &e.recs[j]
		if r.priv == priv && r.grantor == grantor {
			r.opt = r.opt || opt
			return
		}
	}
	e.recs = append(e.recs, grantRec{priv: priv, opt: opt, grantor: grantor, created: at.UnixNano()})
}

// removeGrants deletes the records of grantee on o that match,
// or only clears their grant option when optionOnly; it returns the removed
// (or downgraded) records.
func (a *Account) removeGrants(o *object, grantee PrincipalID, optionOnly bool, match func(grantRec) bool) []grantRec {
	i, ok := aclIndex(o, grantee)
	if !ok {
		return nil
	}
	e := &o.acl[i]
	var removed []grantRec
	kept := e.recs[:0]
	for _, r := range e.recs {
		if !match(r) {
			kept = append(kept, r)
			continue
		}
		removed = append(removed, r)
		if optionOnly {
			r.opt = false
			kept = append(kept, r)
		}
	}
	e.recs = kept
	if len(kept) == 0 {
		o.acl = append(o.acl[:i], o.acl[i+1:]...)
		delete(a.principals[grantee].grantsOn, o.id)
	}
	return removed
}

// dropAllGrants removes every grant on o (used when o is dropped for good or
// replaced).
func (a *Account) dropAllGrants(o *object) {
	for _, e := range o.acl {
		delete(a.principals[e.grantee].grantsOn, o.id)
	}
	o.acl = nil
}

// held returns the privileges and grant options that the principals in set
// hold on o, and whether one of them owns o. It costs
// O(min(len(acl), len(set)·log len(acl))) and does not allocate.
func (a *Account) held(o *object, set *roleSet) (privs, opts PrivSet, owner bool) {
	// An application acts as the owner of its own container: its setup
	// script creates schemas and roles in it (application.go).
	owner = o.owner != system && set.has(o.owner) || o.kind == KindApplication && set.has(o.principal)
	if o.kind == KindApplicationPackage && set.has(o.principal) {
		privs = privs.With(PrivUsage) // a package's share reaches into it (appshare.go)
	}
	if len(o.acl) <= 4*len(set.list) {
		for i := range o.acl {
			e := &o.acl[i]
			if set.has(e.grantee) {
				p, o := e.sets()
				privs, opts = privs.Union(p), opts.Union(o)
			}
		}
		return
	}
	for _, p := range set.list {
		if i, ok := aclIndex(o, p); ok {
			ep, eo := o.acl[i].sets()
			privs, opts = privs.Union(ep), opts.Union(eo)
		}
	}
	return
}
