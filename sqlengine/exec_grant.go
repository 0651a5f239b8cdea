package sqlengine

import (
	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
)

const grantNotExecuted = "Grant not executed: Insufficient privileges."

// target turns an ON clause into the account's Target.
func (s *Session) target(t GrantTarget) (account.Target, error) {
	switch t.Kind {
	case TargetAccount:
		return account.Target{Object: account.Ref{Kind: account.KindAccount}}, nil
	case TargetObject:
		k := account.KindByName(t.ObjectType)
		if k == account.KindNone || k == account.KindAccount {
			return account.Target{}, sferr.Unsupported("grants on " + t.ObjectType)
		}
		args := argTypes(t.ArgTypes)
		if (k == account.KindFunction || k == account.KindProcedure) && args == nil {
			args = []string{}
		}
		ref, err := s.ref(k, t.Name, args)
		return account.Target{Object: ref}, err
	case TargetAll, TargetFuture:
		k := account.KindByPlural(t.ObjectType)
		if k == account.KindNone || !(k == account.KindSchema || k == account.KindTable || k == account.KindView ||
			k == account.KindStage || k == account.KindSequence || k == account.KindFunction || k == account.KindProcedure ||
			k == account.KindStreamlit) {
			return account.Target{}, sferr.Unsupported("grants on ALL/FUTURE " + t.ObjectType)
		}
		ck, err := accountKind(t.InKind)
		if err != nil {
			return account.Target{}, err
		}
		container, err := s.ref(ck, t.In, nil)
		scope := account.ScopeAll
		if t.Kind == TargetFuture {
			scope = account.ScopeFuture
		}
		return account.Target{Scope: scope, Kind: k, Container: container}, err
	}
	return account.Target{}, sferr.Unsupported("grant target")
}

func grantStatus(out account.GrantOutcome) *Result {
	switch out {
	case account.NotExecuted:
		return status(KindDCL, grantNotExecuted)
	case account.PublicNoEffect:
		return status(KindDCL, "Granting role PUBLIC has no effect.  Every user and role has role PUBLIC implicitly granted.")
	}
	return status(KindDCL, executedOK)
}

func (s *Session) execGrantPrivileges(n *GrantPrivileges) (*Result, error) {
	if n.CurrentGrants != CurrentGrantsNone {
		return nil, &account.Error{Code: account.ErrCurrentGrantsOption}
	}
	on, err := s.target(n.On)
	if err != nil {
		return nil, err
	}
	to, err := s.grantee(n.To)
	if err != nil {
		return nil, err
	}
	out, err := s.acct.GrantPrivileges(s.actor, account.GrantSpec{Privileges: n.Privileges, All: n.All, On: on,
		To: to, WithGrantOption: n.WithGrantOption})
	if err != nil {
		return nil, err
	}
	return grantStatus(out), nil
}

func (s *Session) execRevokePrivileges(n *RevokePrivileges) (*Result, error) {
	on, err := s.target(n.On)
	if err != nil {
		return nil, err
	}
	from, err := s.grantee(n.From)
	if err != nil {
		return nil, err
	}
	err = s.acct.RevokePrivileges(s.actor, account.RevokeSpec{Privileges: n.Privileges, All: n.All, On: on,
		From: from, GrantOptionFor: n.GrantOptionFor, Cascade: n.Behavior == BehaviorCascade})
	if err != nil {
		return nil, err
	}
	return status(KindDCL, executedOK), nil
}

func (s *Session) execGrantOwnership(n *GrantOwnership) (*Result, error) {
	on, err := s.target(n.On)
	if err != nil {
		return nil, err
	}
	if n.To.Kind == GranteeUser {
		return nil, &account.Error{Code: account.ErrOwnershipToUser}
	}
	to, err := s.grantee(n.To)
	if err != nil {
		return nil, err
	}
	cg := account.KeepCurrentGrants
	switch n.CurrentGrants {
	case CopyCurrentGrants:
		cg = account.CopyCurrentGrants
	case RevokeCurrentGrants:
		cg = account.RevokeCurrentGrants
	}
	out, err := s.acct.GrantOwnership(s.actor, account.OwnershipSpec{On: on, To: to, CurrentGrants: cg})
	if err != nil {
		return nil, err
	}
	return grantStatus(out), nil
}

func (s *Session) roleRef(databaseRole, applicationRole bool, name ObjectName) (account.Ref, error) {
	if applicationRole {
		return s.ref(account.KindApplicationRole, name, nil)
	}
	if databaseRole {
		return s.ref(account.KindDatabaseRole, name, nil)
	}
	return s.ref(account.KindRole, name, nil)
}

func (s *Session) execGrantRole(n *GrantRole) (*Result, error) {
	role, err := s.roleRef(n.DatabaseRole, n.ApplicationRole, n.Role)
	if err != nil {
		return nil, err
	}
	to, err := s.grantee(n.To)
	if err != nil {
		return nil, err
	}
	if n.WithGrantOption && to.Kind == account.KindUser {
		return nil, sferr.SyntaxErrorMessage("WITH GRANT OPTION is not supported for role grants to users.")
	}
	out, err := s.acct.GrantRole(s.actor, account.RoleGrantSpec{Role: role, To: to, WithGrantOption: n.WithGrantOption})
	if err != nil {
		return nil, err
	}
	return grantStatus(out), nil
}

func (s *Session) execRevokeRole(n *RevokeRole) (*Result, error) {
	role, err := s.roleRef(n.DatabaseRole, n.ApplicationRole, n.Role)
	if err != nil {
		return nil, err
	}
	from, err := s.grantee(n.From)
	if err != nil {
		return nil, err
	}
	err = s.acct.RevokeRole(s.actor, account.RoleGrantSpec{Role: role, To: from, GrantOptionFor: n.GrantOptionFor,
		Cascade: n.Behavior == BehaviorCascade})
	if err != nil {
		return nil, err
	}
	return status(KindDCL, executedOK), nil
}
