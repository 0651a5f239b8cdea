package account

import (
	"sort"
	"time"
)

// roleSet is a set of principals as both a bitset (for O(1) membership) and
// a sorted list (for iteration).
type roleSet struct {
	bits []uint64
	list []PrincipalID
}

func (s *roleSet) has(p PrincipalID) bool {
	w := int(p >> 6)
	return w < len(s.bits) && s.bits[w]&(1<<(p&63)) != 0
}

func (s *roleSet) reset(n int) {
	words := (n + 63) / 64
	if cap(s.bits) < words {
		s.bits = make([]uint64, words)
	} else {
		s.bits = s.bits[:words]
		clear(s.bits)
	}
	s.list = s.list[:0]
}

func (s *roleSet) add(p PrincipalID) {
	if s.has(p) {
		return
	}
	s.bits[p>>6] |= 1 << (p & 63)
	s.list = append(s.list, p)
}

func (s *roleSet) addAll(ps []PrincipalID) {
	for _, p := range ps {
		s.add(p)
	}
}

func (s *roleSet) sort() { sort.Slice(s.list, func(i, j int) bool { return s.list[i] < s.list[j] }) }

// closure returns p itself and every role p inherits, through any depth,
// sorted. It is cached per principal and recomputed lazily after any change
// to role grants; concurrent readers (under the read lock) may both compute
// it, which is harmless, so the cache is an atomic pointer.
func (a *Account) closure(p PrincipalID) []PrincipalID {
	pr := a.principals[p]
	if c := pr.closure.Load(); c != nil && c.gen == a.roleGen {
		return c.list
	}
	seen := map[PrincipalID]bool{p: true}
	stack := []PrincipalID{p}
	out := []PrincipalID{p}
	for len(stack) > 0 {
		cur := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, c := range a.principals[cur].holds {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
				stack = append(stack, c)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	pr.closure.Store(&closure{gen: a.roleGen, list: out})
	return out
}

// inherits reports whether holder has role's privileges (holder == role counts).
func (a *Account) inherits(holder, role PrincipalID) bool {
	if role == a.public {
		return true
	}
	c := a.closure(holder)
	i := sort.Search(len(c), func(i int) bool { return c[i] >= role })
	return i < len(c) && c[i] == role
}

func (a *Account) addRoleGrant(role, grantee PrincipalID, opt bool, grantor PrincipalID, at time.Time) {
	k := edge{role, grantee}
	if g, ok := a.roleGrants[k]; ok {
		g.opt = g.opt || opt
		return
	}
	a.roleGrants[k] = &roleGrant{role: role, grantee: grantee, opt: opt, grantor: grantor, created: at}
	a.principals[grantee].holds = append(a.principals[grantee].holds, role)
	a.principals[role].heldBy = append(a.principals[role].heldBy, grantee)
	a.roleGen++
}

func (a *Account) removeRoleGrant(role, grantee PrincipalID) {
	k := edge{role, grantee}
	if _, ok := a.roleGrants[k]; !ok {
		return
	}
	delete(a.roleGrants, k)
	a.principals[grantee].holds = removeID(a.principals[grantee].holds, role)
	a.principals[role].heldBy = removeID(a.principals[role].heldBy, grantee)
	a.roleGen++
}

func removeID(s []PrincipalID, p PrincipalID) []PrincipalID {
	for i, x := range s {
		if x == p {
			return append(s[:i], s[i+1:]...)
		}
	}
	return s
}
