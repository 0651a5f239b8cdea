package sqlengine

import (
	"context"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
)

// exec dispatches one parsed statement to its family's executor.
func (s *Session) exec(ctx context.Context, stmt Statement) (*Result, error) {
	switch n := stmt.(type) {
	case *CreateRole:
		return s.execCreateRole(n)
	case *CreateDatabaseRole:
		return s.execCreateDatabaseRole(n)
	case *CreateUser:
		return s.execCreateUser(n)
	case *CreateDatabase:
		return s.execCreateDatabase(n)
	case *CreateSchema:
		return s.execCreateSchema(n)
	case *CreateWarehouse:
		return s.execCreateWarehouse(n)
	case *CreateTable:
		return s.execCreateTable(ctx, n)
	case *CreateView:
		return s.execCreateView(ctx, n)
	case *CreateStage:
		return s.execCreateStage(n)
	case *CreateSequence:
		return s.execCreateSequence(n)
	case *CreateStreamlit:
		return s.execCreateStreamlit(n)
	case *CreateFunction:
		return s.execCreateRoutine(account.KindFunction, &n.Routine)
	case *CreateProcedure:
		return s.execCreateProcedure(&n.Routine)
	case *Call:
		return s.execCall(ctx, n)
	case *CreateApplicationPackage:
		return s.execCreateApplicationPackage(n)
	case *CreateApplication:
		return s.execCreateApplication(ctx, n)
	case *CreateApplicationRole:
		return s.execCreateApplicationRole(n)
	case *ShowReferences:
		return s.execShowReferences(n)
	case *AlterApplication:
		return s.execAlterApplication(ctx, n)
	case *AddApplicationVersion:
		return s.execAddApplicationVersion(n)
	case *AddApplicationPatch:
		return s.execAddApplicationPatch(n)
	case *DropApplicationVersion:
		return s.execDropApplicationVersion(n)
	case *ShowVersions:
		return s.execShowVersions(n)
	case *ShowTelemetryEventDefinitions:
		return s.execShowTelemetry(n)
	case *ShowPrivileges:
		return s.execShowPrivileges(n)
	case *ShowObjectsOwnedByApplication:
		return s.execShowOwnedObjects(n)
	case *AlterProcedure:
		return s.execAlterProcedure(n)
	case *Alter:
		return s.execAlter(ctx, n)
	case *Drop:
		return s.execDrop(n)
	case *Undrop:
		return s.execUndrop(n)
	case *Describe:
		return s.execDescribe(n)
	case *GrantPrivileges:
		return s.execGrantPrivileges(n)
	case *RevokePrivileges:
		return s.execRevokePrivileges(n)
	case *GrantOwnership:
		return s.execGrantOwnership(n)
	case *GrantRole:
		return s.execGrantRole(n)
	case *RevokeRole:
		return s.execRevokeRole(n)
	case *ShowGrants:
		return s.execShowGrants(n)
	case *ShowFutureGrants:
		return s.execShowFutureGrants(n)
	case *ShowColumns:
		return s.execShowColumns(n)
	case *ShowObjects:
		return s.execShowObjects(n)
	case *Use:
		return s.execUse(n)
	case *UseSecondaryRoles:
		return s.execUseSecondaryRoles(n)
	case *AlterSession:
		return status(KindUse, executedOK), nil
	case *SetVariable:
		return s.execSetVariable(n)
	case *Select:
		return s.execSelect(n)
	case *DataStatement:
		return s.execData(ctx, n)
	case *Block:
		return s.execBlock(ctx, n)
	case *ExecuteImmediate:
		return s.execExecuteImmediate(ctx, n)
	case *ExecuteImmediateFrom:
		return nil, sferr.Unsupported("EXECUTE IMMEDIATE FROM outside an application's setup script")
	case *Unsupported:
		return nil, sferr.Unsupported(n.What)
	}
	return nil, sferr.Unsupported(stmt.String())
}

// accountKind maps the parser's kinds onto the account's. Materialized
// views are not modelled yet.
func accountKind(k ObjectKind) (account.Kind, error) {
	switch k {
	case KindRole:
		return account.KindRole, nil
	case KindDatabaseRole:
		return account.KindDatabaseRole, nil
	case KindUser:
		return account.KindUser, nil
	case KindDatabase:
		return account.KindDatabase, nil
	case KindSchema:
		return account.KindSchema, nil
	case KindWarehouse:
		return account.KindWarehouse, nil
	case KindTable:
		return account.KindTable, nil
	case KindView:
		return account.KindView, nil
	case KindStage:
		return account.KindStage, nil
	case KindSequence:
		return account.KindSequence, nil
	case KindFunction:
		return account.KindFunction, nil
	case KindProcedure:
		return account.KindProcedure, nil
	case KindApplication:
		return account.KindApplication, nil
	case KindApplicationRole:
		return account.KindApplicationRole, nil
	case KindStreamlit:
		return account.KindStreamlit, nil
	case KindApplicationPackage:
		return account.KindApplicationPackage, nil
	}
	return account.KindNone, sferr.Unsupported(k.String())
}

// ref builds the account reference for a written name of kind k.
func (s *Session) ref(k account.Kind, name ObjectName, args []string) (account.Ref, error) {
	path, err := s.qualify(k, name)
	if err != nil {
		return account.Ref{}, err
	}
	return account.Ref{Kind: k, Path: path, Args: args}, nil
}

func (s *Session) grantee(g Grantee) (account.Grantee, error) {
	var k account.Kind
	switch g.Kind {
	case GranteeRole:
		k = account.KindRole
	case GranteeDatabaseRole:
		k = account.KindDatabaseRole
	case GranteeUser:
		k = account.KindUser
	case GranteeApplicationRole:
		k = account.KindApplicationRole
	case GranteeApplication:
		k = account.KindApplication
	case GranteePackageShare:
		k = account.KindApplicationPackage
	default:
		return account.Grantee{}, sferr.Unsupported("grants to " + g.Kind.String())
	}
	path, err := s.qualify(k, g.Name)
	if err != nil {
		return account.Grantee{}, err
	}
	return account.Grantee{Kind: k, Path: path}, nil
}
