package account

// Kind is the type of a securable object. Values are stable: they index
// tables and never change meaning; retired values stay as _.
type Kind uint8

const (
	KindNone Kind = iota
	KindAccount
	KindDatabase
	KindSchema
	KindTable
	KindView
	KindFunction
	KindProcedure
	KindStage
	KindSequence
	KindWarehouse
	KindUser
	KindRole
	KindDatabaseRole
	KindApplication        // an installed application: a database-like container and a principal (application.go)
	KindApplicationRole    // a role inside an application, like a database role inside a database
	KindStreamlit          // a Streamlit app: a schema object; Frostgate keeps its properties and runs nothing
	KindApplicationPackage // the versions applications are installed from (apppackage.go)
	numKinds
)

// kindInfo is the one table of how each kind is spelled.
type kindInfo struct {
	keyword string // in GRANT ... ON <keyword> and error texts' lower-case form is derived
	show    string // granted_on / granted_to value in SHOW output
	word    string // capitalised word in "... does not exist or not authorized."
	plural  string // in ON ALL / ON FUTURE <plural>
	created string // "<created> X successfully created."
}

var kinds = [numKinds]kindInfo{
	KindAccount:      {"ACCOUNT", "ACCOUNT", "Account", "", ""},
	KindDatabase:     {"DATABASE", "DATABASE", "Database", "DATABASES", "Database"},
	KindSchema:       {"SCHEMA", "SCHEMA", "Schema", "SCHEMAS", "Schema"},
	KindTable:        {"TABLE", "TABLE", "Table", "TABLES", "Table"},
	KindView:         {"VIEW", "VIEW", "View", "VIEWS", "View"},
	KindFunction:     {"FUNCTION", "FUNCTION", "Function", "FUNCTIONS", "Function"},
	KindProcedure:    {"PROCEDURE", "PROCEDURE", "Procedure", "PROCEDURES", "Procedure"},
	KindStage:        {"STAGE", "STAGE", "Stage", "STAGES", "Stage area"},
	KindSequence:     {"SEQUENCE", "SEQUENCE", "Sequence", "SEQUENCES", "Sequence"},
	KindWarehouse:    {"WAREHOUSE", "WAREHOUSE", "Warehouse", "WAREHOUSES", "Warehouse"},
	KindUser:         {"USER", "USER", "User", "USERS", "User"},
	KindRole:         {"ROLE", "ROLE", "Role", "ROLES", "Role"},
	KindDatabaseRole: {"DATABASE ROLE", "DATABASE_ROLE", "Database role", "DATABASE ROLES", "Role"},
	KindApplication:  {"APPLICATION", "APPLICATION", "Application", "APPLICATIONS", "Application"},
	KindApplicationRole: {"APPLICATION ROLE", "APPLICATION_ROLE", "Application role", "APPLICATION ROLES",
		"Application role"},
	KindStreamlit: {"STREAMLIT", "STREAMLIT", "Streamlit", "STREAMLITS", "Streamlit"},
	KindApplicationPackage: {"APPLICATION PACKAGE", "APPLICATION_PACKAGE", "Application package",
		"APPLICATION PACKAGES", "Application Package"},
}

// String returns the kind as written in SQL (GRANT ... ON <kind>).
func (k Kind) String() string {
	if k < numKinds && kinds[k].keyword != "" {
		return kinds[k].keyword
	}
	return "UNKNOWN"
}

// ShowName returns the kind as SHOW GRANTS prints it in granted_on.
func (k Kind) ShowName() string { return kinds[k].show }

// Word returns the capitalised word used in "does not exist" errors.
func (k Kind) Word() string { return kinds[k].word }

// Lower returns the lower-case word used in "Insufficient privileges to operate on" errors.
func (k Kind) Lower() string {
	b := []byte(kinds[k].keyword)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// CreatedWord returns the word in "<Word> X successfully created.".
func (k Kind) CreatedWord() string { return kinds[k].created }

// KindByName returns the kind for a keyword as written after ON (TABLE,
// DATABASE ROLE, ...), or KindNone.
func KindByName(keyword string) Kind {
	for k := KindAccount; k < numKinds; k++ {
		if kinds[k].keyword == keyword {
			return k
		}
	}
	return KindNone
}

// KindByPlural returns the kind for a plural as written after ON ALL / ON
// FUTURE (TABLES, SCHEMAS, ...), or KindNone.
func KindByPlural(plural string) Kind {
	for k := KindAccount; k < numKinds; k++ {
		if kinds[k].plural == plural {
			return k
		}
	}
	return KindNone
}

// Plural returns the kind's plural keyword.
func (k Kind) Plural() string { return kinds[k].plural }

// inSchema reports whether objects of the kind live in a schema.
func (k Kind) inSchema() bool {
	switch k {
	case KindTable, KindView, KindFunction, KindProcedure, KindStage, KindSequence, KindStreamlit:
		return true
	}
	return false
}

// namespace groups kinds that share names inside a container: tables and
// views cannot share a name; functions and procedures are told apart by
// their argument types; applications and databases cannot share a name.
func (k Kind) namespace() Kind {
	switch k {
	case KindView:
		return KindTable
	case KindApplication:
		return KindDatabase
	}
	return k
}

func (k Kind) isPrincipal() bool {
	switch k {
	case KindRole, KindDatabaseRole, KindUser, KindApplication, KindApplicationRole:
		return true
	}
	return false
}

// isDatabaseLike reports whether objects of the kind hold schemas: a
// database, or an application (names like app.schema.proc resolve through it).
// An application package holds schemas too (its shared content, spec native-apps B.4).
func (k Kind) isDatabaseLike() bool {
	return k == KindDatabase || k == KindApplication || k == KindApplicationPackage
}

// inDatabase reports whether objects of the kind live directly in a
// database-like container.
func (k Kind) inDatabase() bool {
	return k == KindSchema || k == KindDatabaseRole || k == KindApplicationRole
}
