package sqlengine

// commandOf names the command a statement runs, as Result.Command reports
// it: the wire protocols turn it into their own statement codes (the
// Snowflake protocol's statementTypeId, a PostgreSQL CommandComplete tag)
// without looking at SQL themselves.
func commandOf(stmt Statement) string {
	switch n := stmt.(type) {
	case *Select:
		return "SELECT"
	case *ShowGrants, *ShowFutureGrants, *ShowObjects, *ShowReferences:
		return "SHOW"
	case *Describe:
		return "DESCRIBE"
	case *Use, *UseSecondaryRoles:
		return "USE"
	case *AlterSession:
		return "ALTER SESSION"
	case *SetVariable:
		return "SET"
	case *GrantPrivileges, *GrantOwnership, *GrantRole:
		return "GRANT"
	case *RevokePrivileges, *RevokeRole:
		return "REVOKE"
	case *Alter, *AddApplicationVersion, *AlterApplication:
		return "ALTER"
	case *Drop:
		return "DROP"
	case *Undrop:
		return "UNDROP"
	case *CreateRole, *CreateDatabaseRole, *CreateUser, *CreateDatabase, *CreateSchema, *CreateWarehouse,
		*CreateTable, *CreateView, *CreateStage, *CreateSequence, *CreateFunction, *CreateProcedure,
		*CreateApplicationPackage, *CreateApplication, *CreateApplicationRole:
		return "CREATE"
	case *DataStatement:
		return n.Verb
	}
	return ""
}
