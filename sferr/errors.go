package sferr

import (
	"fmt"
	"strings"
)

// Constructors, ordered by number. Each one's text and SQLSTATE come from
// ../shared/spec/snowflake-access-control.md §6.3 unless the comment says the
// number is Frostgate's choice (docs/compatibility.md lists those).

const (
	compilation   = "SQL compilation error:\n"
	accessControl = "SQL access control error:\n"
	execution     = "SQL execution error: "
)

func newf(number int, state, format string, args ...any) *Error {
	return &Error{Number: number, State: state, Message: fmt.Sprintf(format, args...)}
}

// Unsupported (000002, 0A000): a statement or feature Frostgate does not
// emulate. Titan's client names 2 UNSUPPORTED_FEATURE.
func Unsupported(what string) *Error {
	return newf(2, "0A000", "Unsupported feature '%s'.", what)
}

// QueryCanceled (000604, 57014): a statement stopped by an abort-request,
// a PostgreSQL CancelRequest, the client going away or shutdown.
func QueryCanceled() *Error {
	return newf(604, "57014", "SQL execution canceled")
}

// QueryNotExecuting (000605, 22000): an abort-request for a statement that
// is not running (gosnowflake retries on it, then takes it as done). The
// SQLSTATE is Frostgate's choice.
func QueryNotExecuting() *Error {
	return newf(605, "22000", "Identified SQL statement is not currently executing.")
}

// NoWarehouse (000606, 57P03): a statement that needs compute without a usable warehouse.
func NoWarehouse() *Error {
	return newf(606, "57P03", "No active warehouse selected in the current session.  Select an active warehouse with the 'use warehouse' command.")
}

// InvalidIdentifier (000904, 42000): a column or alias no table in scope
// has. Snowflake adds "error line L at position P" before the name;
// Frostgate does not know the position (docs/compatibility.md D).
func InvalidIdentifier(name string) *Error {
	return newf(904, "42000", compilation+"invalid identifier '%s'", name)
}

// SyntaxError (001003, 42000): the first unexpected token. line and pos are
// 1-based line and 0-based column, as Snowflake prints them.
func SyntaxError(line, pos int, unexpected string) *Error {
	return newf(1003, "42000", compilation+"syntax error line %d at position %d unexpected '%s'.", line, pos, unexpected)
}

// SyntaxErrorMessage (001003, 42000) for grammar violations that Snowflake
// reports as syntax errors without a position, e.g. conflicting options.
func SyntaxErrorMessage(msg string) *Error {
	return newf(1003, "42000", compilation+"%s", msg)
}

// InvalidArgument (001044, 22023): a function given arguments it does not
// accept. The number is Frostgate's choice.
func InvalidArgument(msg string) *Error {
	return newf(1044, "22023", compilation+"%s", msg)
}

// AlreadyExists (002002, 42710): CREATE of a name that is taken.
func AlreadyExists(name string) *Error {
	return newf(2002, "42710", compilation+"Object '%s' already exists.", name)
}

// InsertValueCount (002020, 21S01): INSERT with a value list of the wrong length.
func InsertValueCount(want, got int) *Error {
	return newf(2020, "21S01", compilation+"Insert value list does not match column list expecting %d but got %d", want, got)
}

// ObjectNotFound (002003): the object does not exist or the session's roles
// may not see it. kind is the capitalised word Snowflake prints: "Database",
// "Schema", "Table", "View", "Object", "Role", "User", "Warehouse".
// Relations get SQLSTATE 42S02, everything else 02000 (spec §11.9).
func ObjectNotFound(kind, name string) *Error {
	state := "02000"
	switch kind {
	case "Object", "Table", "View":
		state = "42S02"
	}
	return newf(2003, state, compilation+"%s '%s' does not exist or not authorized.", kind, name)
}

// InsertColumnMismatch (002020, 21S01): INSERT ... SELECT whose query
// returns another number of columns than the insert names.
func InsertColumnMismatch() *Error {
	return newf(2020, "21S01", compilation+"Insert value list does not match column list")
}

// DuplicateColumn (002025, 42S21): a column named twice in a table or column list.
func DuplicateColumn(name string) *Error {
	return newf(2025, "42S21", compilation+"duplicate column name '%s'", name)
}

// AmbiguousColumn (002028, 42601): a column name more than one table in scope has.
func AmbiguousColumn(name string) *Error {
	return newf(2028, "42601", compilation+"ambiguous column name '%s'", name)
}

// UnsupportedType (002040, 42601): a data type Frostgate does not know or
// store (GEOGRAPHY, VECTOR, ...). The number is Frostgate's choice.
func UnsupportedType(name string) *Error {
	return newf(2040, "42601", compilation+"Unsupported data type '%s'.", name)
}

// ObjectDoesNotExist (002043, 02000): the generic form used by SHOW ... IN.
func ObjectDoesNotExist() *Error {
	return newf(2043, "02000", compilation+"Object does not exist, or operation cannot be performed.")
}

// NotInGroupBy (002065, 42601): a select item that is neither an
// aggregate nor grouped. The number is Frostgate's choice.
func NotInGroupBy(expr string) *Error {
	return newf(2065, "42601", compilation+"'%s' in select clause is neither an aggregate nor in the group by clause.", expr)
}

// UnknownFunction (002140, 42601): a function name Frostgate does not know.
func UnknownFunction(name string) *Error {
	return newf(2140, "42601", compilation+"Unknown function %s", name)
}

// ViewExpansion wraps the error met while expanding a view's body (its
// owner lost access, a table it reads was dropped): Snowflake reports the
// inner error's number under "Failure during expansion of view".
func ViewExpansion(view string, inner *Error) *Error {
	return &Error{Number: inner.Number, State: inner.State,
		Message: compilation + "Failure during expansion of view '" + view + "': " + inner.Message}
}

// InsufficientPrivileges (003001, 42501): a visible object without the needed
// privilege. kind is lower case ("database", "schema", "table", "account").
func InsufficientPrivileges(kind, name string) *Error {
	return newf(3001, "42501", accessControl+"Insufficient privileges to operate on %s '%s'", kind, name)
}

// PartialGrant (003011, 42501): GRANT ALL where some privileges could not be granted.
func PartialGrant(privs []string) *Error {
	return newf(3011, "42501", "Grant partially executed: privileges [%s] not granted", strings.Join(privs, ", "))
}

// RoleNotAssigned (003013, 42501): USE ROLE / USE SECONDARY ROLES of a role
// the user does not hold. Two spaces before "Specify", as Snowflake prints it.
func RoleNotAssigned(role string) *Error {
	return newf(3013, "42501", accessControl+"Requested role '%s' is not assigned to the executing user.  Specify another role to activate.", role)
}

// DependentGrant (003036, 23001): GRANT OWNERSHIP blocked by outbound grants,
// or REVOKE ... RESTRICT of a privilege that was granted on.
func DependentGrant(privilege, securable, grantee string) *Error {
	return newf(3036, "23001", execution+"Dependent grant of privilege '%s' on securable '%s' to role '%s' exists.  It must be revoked first.  More than one dependent grant may exist: use 'SHOW GRANTS' command to view them.  To revoke all dependent grants while transferring object ownership, use convenience command 'GRANT OWNERSHIP ON <target_objects> TO <target_role> REVOKE CURRENT GRANTS'.", privilege, securable, grantee)
}

// InvalidGrant (003042, 42501): a grant that can never be valid: a privilege
// that does not apply to the object type, OWNERSHIP in a list, OWNERSHIP to a
// user. Titan's client calls 3042 INVALID_GRANT_ERR; the texts are the
// live-verified FROST ones (spec §2.1); the number for each is Frostgate's choice.
func InvalidGrant(msg string) *Error {
	return newf(3042, "42501", "%s", msg)
}

// InvalidPrivilegeForType is InvalidGrant for a privilege that does not apply to an object type.
func InvalidPrivilegeForType(objectType, privilege string) *Error {
	return InvalidGrant(fmt.Sprintf(compilation+"Invalid object type '%s' for privilege '%s'.", objectType, privilege))
}

// RoleCycle (003043, 42501): a role grant that would make the role graph
// cyclic. Snowflake's text and number are unknown (spec §3.2); both are
// Frostgate's choice.
func RoleCycle(role, grantee string) *Error {
	return newf(3043, "42501", execution+"Cannot grant role '%s' to role '%s': the grant would create a cycle in the role hierarchy.", role, grantee)
}

// GrantNotExecuted (003102, 42501): the error form of an unauthorised GRANT,
// raised where a status row cannot be returned (inside procedures).
func GrantNotExecuted() *Error {
	return newf(3102, "42501", "Grant not executed: Insufficient privileges.")
}

// CannotDrop (003104, 42501): dropping or altering something Snowflake
// protects (system roles, the current user). The number is Frostgate's choice.
func CannotDrop(msg string) *Error {
	return newf(3104, "42501", execution+"%s", msg)
}

// ExecutionError (003105, 22000): a statement that is well formed but cannot
// be carried out for a reason Snowflake reports as "SQL execution error"
// without a known number. The number is Frostgate's choice.
func ExecutionError(msg string) *Error {
	return newf(3105, "22000", execution+"%s", msg)
}

// NoCurrentDatabase (090105, 22000): an unqualified name without a current database.
func NoCurrentDatabase() *Error {
	return newf(90105, "22000", "Cannot perform operation. This session does not have a current database. Call 'USE DATABASE', or use a qualified name.")
}

// NoCurrentSchema (090106, 22000): an unqualified name without a current schema.
func NoCurrentSchema() *Error {
	return newf(90106, "22000", "Cannot perform operation. This session does not have a current schema. Call 'USE SCHEMA', or use a qualified name.")
}

// SingleRowSubquery (090150, 22000): a scalar subquery that returned more than one row.
func SingleRowSubquery() *Error {
	return newf(90150, "22000", "Single-row subquery returns more than one row.")
}

// NumericNotRecognized (100038, 22018): text that does not convert to a number.
func NumericNotRecognized(value string) *Error {
	return newf(100038, "22018", "Numeric value '%s' is not recognized", value)
}

// NumericOutOfRange (100039, 22003): a number too large for its type.
func NumericOutOfRange() *Error {
	return newf(100039, "22003", "Numeric value out of range")
}

// DateNotRecognized (100040, 22007): text that does not convert to a date or time.
func DateNotRecognized(value string) *Error {
	return newf(100040, "22007", "Date '%s' is not recognized", value)
}

// InvalidJSON (100069, 22P02): text PARSE_JSON or a VARIANT column cannot read.
func InvalidJSON() *Error {
	return newf(100069, "22P02", "Error parsing JSON: invalid JSON text")
}

// NullNotAllowed (100072, 22000): NULL into a NOT NULL column.
func NullNotAllowed() *Error {
	return newf(100072, "22000", "NULL result in a non-nullable column")
}

// StringTooLong (100078, 22000): a string longer than its column allows.
func StringTooLong(value string) *Error {
	return newf(100078, "22000", "String '%s' is too long and would be truncated", value)
}

// DuplicateRow (100090, 42P18): MERGE matched one target row with several
// source rows (ERROR_ON_NONDETERMINISTIC_MERGE, TRUE by default).
func DuplicateRow() *Error {
	return newf(100090, "42P18", "Duplicate row detected during DML action")
}

// UserDisabled (390007, 08004): login of a disabled user.
func UserDisabled() *Error {
	return newf(390007, "08004", "User access disabled. Contact your local system administrator.")
}

// IncorrectCredentials (390100, 08004): unknown user or wrong password; one
// message for both so that a login never reveals which users exist.
func IncorrectCredentials() *Error {
	return newf(390100, "08004", "Incorrect username or password was specified.")
}

// AuthorizationMissing (390101, 08001): a Snowflake-protocol request
// without an `Authorization: Snowflake Token="..."` header. The number is
// the one fakesnow answers; the text is Frostgate's.
func AuthorizationMissing() *Error {
	return newf(390101, "08001", "Authorization header not found or not in the form 'Snowflake Token=\"...\"'.")
}

// UserLocked (390102, 08004): too many failed logins in a short time. The
// number is Frostgate's choice; the text is Snowflake's lock-out message.
func UserLocked() *Error {
	return newf(390102, "08004", "Your user account has been temporarily locked due to too many failed attempts. Try again after a minute or contact your account administrator for assistance.")
}

// SessionTokenInvalid (390104, 08001): a token the server never issued or
// has forgotten; drivers drop the connection (Node's SESSION_TOKEN_INVALID).
// The text is Frostgate's.
func SessionTokenInvalid() *Error {
	return newf(390104, "08001", "Invalid session token. Log in again.")
}

// SessionGone (390111, 08001): the session was closed (session delete, a
// reset of the emulated account, server shutdown).
func SessionGone() *Error {
	return newf(390111, "08001", "Session no longer exists.  New login required to access the service.")
}

// SessionExpired (390112, 08001): the session token is past its validity;
// every driver renews it with the master token and retries.
func SessionExpired() *Error {
	return newf(390112, "08001", "Your session has expired. Please login again.")
}

// MasterTokenExpired (390114, 08001): the master token is past its
// validity, so the session cannot be renewed.
func MasterTokenExpired() *Error {
	return newf(390114, "08001", "Authentication token has expired.  The user must authenticate again.")
}

// JWTInvalid (390144, 08001): a key-pair (SNOWFLAKE_JWT) login whose token
// does not verify: bad signature, wrong issuer or subject, expired, or a
// key the user does not have. One message for all, as Snowflake does.
func JWTInvalid() *Error {
	return newf(390144, "08001", "JWT token is invalid.")
}

// LoginRoleNotGranted (390189, 08004): the login asked for a role the user does not hold.
func LoginRoleNotGranted(role string) *Error {
	return newf(390189, "08004", "Role '%s' specified in the connect string is not granted to this user. Contact your local system administrator, or attempt to login with another role, e.g. PUBLIC.", role)
}

// OAuthTokenInvalid (390303, 08001): an OAuth access token that does not
// verify or names another user.
func OAuthTokenInvalid() *Error {
	return newf(390303, "08001", "Invalid OAuth access token.")
}

// OAuthTokenExpired (390318, 08001): an OAuth access token past its validity.
func OAuthTokenExpired() *Error {
	return newf(390318, "08001", "OAuth access token expired.")
}

// BadRequest (390400, 08P01): a Snowflake-protocol request that cannot be
// read: not JSON, too large, a broken gzip stream, a missing field. The
// number is the Python connector's BAD_REQUEST_GS_CODE; the SQLSTATE and
// text are Frostgate's.
func BadRequest(reason string) *Error {
	return newf(390400, "08P01", "Bad request: %s", reason)
}

// ReferenceInvalid (505001, 55000): a reference whose object was renamed or
// dropped, or a transient reference used outside its session.
func ReferenceInvalid() *Error {
	return newf(505001, "55000", execution+"Specified object does not exist or not authorized for the reference.")
}

// ReferenceNotAuthorized (505002, 42501): an operation through a reference
// that does not carry its privilege. The text is Snowflake's (spec §9.3);
// the number is Frostgate's choice.
func ReferenceNotAuthorized(privilege string) *Error {
	return newf(505002, "42501", "Privilege '%s' is not authorized on the reference object.", privilege)
}

// ReferencePrivilege (505027, 42601): SYSTEM$REFERENCE given a privilege
// the type does not allow, OWNERSHIP or ALL. Number and text are Frostgate's choice.
func ReferencePrivilege(msg string) *Error {
	return newf(505027, "42601", compilation+"%s", msg)
}

// ReferenceTypeMismatch (505028, 42601): SYSTEM$REFERENCE's type is not the
// named object's type (spec §9.1).
func ReferenceTypeMismatch(asked, actual string) *Error {
	return newf(505028, "42601", "Object type %s does not match the specified type %s for reference creation", asked, actual)
}

// Uncaught wraps the error of a statement inside a stored procedure's
// body as Snowflake reports an exception the body does not handle: the
// inner error's number and SQLSTATE, its text after the line and position
// of the statement (spec §9.3).
func Uncaught(inner *Error, line, pos int) *Error {
	return UncaughtException("STATEMENT_ERROR", inner, line, pos)
}

// UncaughtException is Uncaught for an exception of any type:
// STATEMENT_ERROR, EXPRESSION_ERROR, or the name of one the body declared.
func UncaughtException(typ string, inner *Error, line, pos int) *Error {
	return newf(inner.Number, inner.State, "Uncaught exception of type '%s' on line %d at position %d : %s", typ, line, pos, inner.Message)
}

// UserException (the declared number, P0001): an exception a Snowflake
// Scripting body declared with DECLARE e EXCEPTION (number, 'message') and
// raised; its number is between -20000 and -20999.
func UserException(number int, msg string) *Error {
	return newf(number, "P0001", "%s", msg)
}

// Internal (000603, XX000): a Frostgate fault; never a leaked engine message.
func Internal(msg string) *Error {
	return newf(603, "XX000", "SQL execution internal error: %s", msg)
}
