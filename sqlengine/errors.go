package sqlengine

import (
	"errors"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
)

// toSF turns an account error into the error Snowflake shows, the one place
// that maps a denial to 002003 (the session cannot see the object) or
// 003001 (it can, but lacks the privilege), as PostgreSQL's aclcheck_error.
// Errors that are already *sferr.Error pass through; anything else is an
// internal error, so no Go text leaks to clients.
func toSF(err error) error {
	if err == nil {
		return nil
	}
	if e := sferr.As(err); e != nil {
		return e
	}
	var nc *notConstant
	if errors.As(err, &nc) {
		return sferr.Unsupported("function " + nc.fn)
	}
	var ae *account.Error
	if !errors.As(err, &ae) {
		return sferr.Internal(err.Error())
	}
	switch ae.Code {
	case account.ErrNotFound:
		return sferr.ObjectNotFound(ae.Kind.Word(), ae.Name)
	case account.ErrDenied:
		return sferr.InsufficientPrivileges(ae.Kind.Lower(), ae.Name)
	case account.ErrAlreadyExists:
		return sferr.AlreadyExists(ae.Name)
	case account.ErrRoleNotAssigned:
		return sferr.RoleNotAssigned(ae.Name)
	case account.ErrCycle:
		return sferr.RoleCycle(ae.Name, ae.Other)
	case account.ErrInvalidPrivilege:
		return sferr.InvalidPrivilegeForType(ae.Name, ae.Priv)
	case account.ErrOwnershipInList:
		return sferr.InvalidGrant("Cannot specify OWNERSHIP in privilege list.")
	case account.ErrOwnershipToUser:
		return sferr.InvalidGrant("SQL execution error: Cannot grant OWNERSHIP to users.")
	case account.ErrCurrentGrantsOption:
		return sferr.InvalidGrant("SQL compilation error:\nOnly OWNERSHIP grant command may specify REVOKE CURRENT GRANTS option.")
	case account.ErrRevokeOwnership:
		return sferr.InvalidGrant("SQL execution error: OWNERSHIP can only be transferred.")
	case account.ErrDependentGrant:
		return sferr.DependentGrant(ae.Priv, ae.Name, ae.Other)
	case account.ErrPartialGrant:
		return sferr.PartialGrant(ae.Privs)
	case account.ErrProtected:
		return sferr.CannotDrop(ae.Msg)
	case account.ErrInvalid:
		return sferr.ExecutionError(ae.Msg)
	case account.ErrContainerNotFound:
		return sferr.ObjectDoesNotExist()
	case account.ErrBadCredentials:
		return sferr.IncorrectCredentials()
	case account.ErrUserDisabled:
		return sferr.UserDisabled()
	case account.ErrLoginRole:
		return sferr.LoginRoleNotGranted(ae.Name)
	case account.ErrLocked:
		return sferr.UserLocked()
	case account.ErrRefTypeMismatch:
		return sferr.ReferenceTypeMismatch(ae.Name, ae.Other)
	case account.ErrRefPrivilege:
		if ae.Msg != "" {
			return sferr.ReferencePrivilege("Cannot specify " + ae.Priv + " as a privilege for a reference.")
		}
		return sferr.ReferencePrivilege("Invalid privilege '" + ae.Priv + "' for a reference of type '" + ae.Name + "'.")
	case account.ErrRefInvalid:
		return sferr.ReferenceInvalid()
	case account.ErrRefNotAuthorized:
		return sferr.ReferenceNotAuthorized(ae.Priv)
	case account.ErrAppNotFound:
		return sferr.ObjectNotFound(ae.Other, ae.Name)
	}
	return sferr.Internal("unmapped account error")
}

// relationError is toSF for a table or view named in a data statement:
// Snowflake says "Object 'D.S.T' does not exist or not authorized." when a
// query reads it and "Table ..." when DML writes it (spec §6.3).
func relationError(err error, word string) error {
	var ae *account.Error
	if errors.As(err, &ae) && ae.Code == account.ErrNotFound &&
		(ae.Kind == account.KindTable || ae.Kind == account.KindView) {
		return sferr.ObjectNotFound(word, ae.Name)
	}
	return toSF(err)
}
