package account

import "fmt"

// ErrCode says which of Snowflake's errors an account Error stands for.
// account knows no SQL and no error numbers; sqlengine turns each code into
// Snowflake's number, SQLSTATE and text in one function.
type ErrCode uint8

const (
	ErrNotFound            ErrCode = iota + 1 // Kind, Name: does not exist or not authorized
	ErrDenied                                 // Kind, Name: visible, but a privilege is missing
	ErrAlreadyExists                          // Name
	ErrRoleNotAssigned                        // Name: USE ROLE / USE SECONDARY ROLES
	ErrCycle                                  // Name (role), Other (grantee)
	ErrInvalidPrivilege                       // Name (object type), Priv
	ErrOwnershipInList                        // OWNERSHIP among other privileges
	ErrOwnershipToUser                        // GRANT OWNERSHIP ... TO USER
	ErrCurrentGrantsOption                    // COPY/REVOKE CURRENT GRANTS on a privilege grant
	ErrRevokeOwnership                        // REVOKE OWNERSHIP
	ErrDependentGrant                         // Priv, Name (securable), Other (grantee)
	ErrPartialGrant                           // Privs: not granted
	ErrProtected                              // Msg: system roles, SYSTEM grants
	ErrInvalid                                // Msg: a statement that cannot be carried out
	ErrContainerNotFound                      // SHOW ... IN a missing container (002043)
	ErrBadCredentials                         // login: unknown user or wrong password
	ErrUserDisabled                           // login: disabled user
	ErrLoginRole                              // Name: login role not granted
	ErrLocked                                 // login: too many recent failures
	ErrRefTypeMismatch                        // Name (type asked), Other (object's type): SYSTEM$REFERENCE
	ErrRefPrivilege                           // Priv, Name (type); Msg set: OWNERSHIP / ALL
	ErrRefInvalid                             // a reference whose object is gone, or out of scope
	ErrRefNotAuthorized                       // Priv: the reference does not carry it
	ErrAppNotFound                            // Other (word, "Application package"), Name
)

// Error is an access-control failure.
type Error struct {
	Code  ErrCode
	Kind  Kind
	Name  string
	Other string
	Priv  string
	Privs []string
	Msg   string
}

func (e *Error) Error() string {
	return fmt.Sprintf("account error %d: kind=%s name=%q other=%q priv=%q %s", e.Code, e.Kind, e.Name, e.Other, e.Priv, e.Msg)
}

func notFound(k Kind, name string) *Error { return &Error{Code: ErrNotFound, Kind: k, Name: name} }
func denied(k Kind, name string) *Error   { return &Error{Code: ErrDenied, Kind: k, Name: name} }
func invalid(format string, args ...any) *Error {
	return &Error{Code: ErrInvalid, Msg: fmt.Sprintf(format, args...)}
}
func protected(format string, args ...any) *Error {
	return &Error{Code: ErrProtected, Msg: fmt.Sprintf(format, args...)}
}
