package sqlengine

// CreateUser is CREATE [OR REPLACE] USER [IF NOT EXISTS] name [props]. Any
// NAME = value option parses; the executor checks the names it knows
// (PASSWORD, LOGIN_NAME, DISPLAY_NAME, FIRST_NAME, MIDDLE_NAME, LAST_NAME,
// EMAIL, MUST_CHANGE_PASSWORD, DISABLED, DAYS_TO_EXPIRY, DEFAULT_WAREHOUSE,
// DEFAULT_NAMESPACE, DEFAULT_ROLE, DEFAULT_SECONDARY_ROLES, RSA_PUBLIC_KEY,
// RSA_PUBLIC_KEY_2, TYPE, COMMENT). ALTER USER, DROP USER and DESCRIBE USER
// are Alter, Drop and Describe with KindUser.
type CreateUser struct {
	OrReplace   bool       // OR REPLACE
	IfNotExists bool       // IF NOT EXISTS
	Name        string     // the user
	Props       Properties // NAME = value options, as written: DEFAULT_SECONDARY_ROLES = ('ALL') is a ValueList
}

var _ Statement = (*CreateUser)(nil)

func (*CreateUser) stmt() {}

// String implements Statement.
func (n *CreateUser) String() string {
	s := createSQL(n.OrReplace)
	return s.w("USER", ifNotExistsSQL(n.IfNotExists), quoteName(n.Name), n.Props.String()).String()
}
