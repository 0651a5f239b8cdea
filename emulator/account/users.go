package account

import (
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
)

// userInfo holds what a user needs to log in. The password is kept only as
// a salted PBKDF2-SHA-256 key (the SCRAM-SHA-256 "SaltedPassword"), so the
// wire protocols can derive SCRAM verifiers without the plain text.
type userInfo struct {
	salt []byte
	key  []byte            // nil: no password
	md5  map[string]string // PostgreSQL MD5 digests, see Secrets
}

const pbkdf2Iterations = 4096

func (u *userInfo) setPassword(pw, name string) {
	if pw == "" {
		u.salt, u.key, u.md5 = nil, nil, nil
		return
	}
	u.md5 = md5Digests(pw, name)
	u.salt = make([]byte, 16)
	_, _ = rand.Read(u.salt)
	u.key, _ = pbkdf2.Key(sha256.New, pw, u.salt, pbkdf2Iterations, 32)
}

func (u *userInfo) checkPassword(pw string) bool {
	if u.key == nil {
		return false
	}
	k, err := pbkdf2.Key(sha256.New, pw, u.salt, pbkdf2Iterations, 32)
	return err == nil && subtle.ConstantTimeCompare(k, u.key) == 1
}

// userProps are the user properties Frostgate keeps, in DESCRIBE USER order,
// with their defaults ("null" when unset).
var userProps = []struct{ name, def, desc string }{
	{"NAME", "null", "Name"},
	{"COMMENT", "null", "user comment associated to an object in the dictionary"},
	{"DISPLAY_NAME", "null", "Display name of the associated object"},
	{"TYPE", "null", "Type of the user"},
	{"LOGIN_NAME", "null", "Login name of the user"},
	{"FIRST_NAME", "null", "First name of the user"},
	{"MIDDLE_NAME", "null", "Middle name of the user"},
	{"LAST_NAME", "null", "Last name of the user"},
	{"EMAIL", "null", "Email address of the user"},
	{"PASSWORD", "null", "Password of the user"},
	{"MUST_CHANGE_PASSWORD", "false", "User must change the password"},
	{"DISABLED", "false", "Whether the user is disabled"},
	{"SNOWFLAKE_LOCK", "false", "Whether the user or one of his roles is locked"},
	{"SNOWFLAKE_SUPPORT", "false", "Snowflake Support is allowed to use the user or account"},
	{"DAYS_TO_EXPIRY", "null", "User record will be treated as expired after specified number of days"},
	{"MINS_TO_UNLOCK", "null", "Temporary lock on the user will be removed after specified number of minutes"},
	{"DEFAULT_WAREHOUSE", "null", "Default warehouse for this user"},
	{"DEFAULT_NAMESPACE", "null", "Default database namespace prefix for this user"},
	{"DEFAULT_ROLE", "null", "Primary principal of user session will be set to this role"},
	{"DEFAULT_SECONDARY_ROLES", "null", "The secondary roles will be set to all roles provided here"},
	{"EXT_AUTHN_DUO", "false", "Whether Duo Security is enabled as second factor authentication"},
	{"EXT_AUTHN_UID", "null", "External authentication ID of the user"},
	{"HAS_MFA", "false", "Whether the user is enrolled in multi-factor authentication"},
	{"MINS_TO_BYPASS_MFA", "null", "Temporary bypass MFA for the user for a specified number of minutes"},
	{"MINS_TO_BYPASS_NETWORK_POLICY", "null", "Temporary bypass network policy on the user for a specified number of minutes"},
	{"RSA_PUBLIC_KEY", "null", "RSA public key of the user"},
	{"RSA_PUBLIC_KEY_FP", "null", "Fingerprint of user's RSA public key."},
	{"RSA_PUBLIC_KEY_LAST_SET_TIME", "null", "The timestamp at which the RSA public key was last set for the user"},
	{"RSA_PUBLIC_KEY_2", "null", "Second RSA public key of the user"},
	{"RSA_PUBLIC_KEY_2_FP", "null", "Fingerprint of user's second RSA public key."},
	{"RSA_PUBLIC_KEY_2_LAST_SET_TIME", "null", "The timestamp at which the second RSA public key was last set for the user"},
	{"PASSWORD_LAST_SET_TIME", "null", "The timestamp on which the last non-null password was set for the user"},
	{"CUSTOM_LANDING_PAGE_URL", "null", "Custom landing page URL"},
	{"CUSTOM_LANDING_PAGE_URL_FLUSH_NEXT_UI_LOAD", "false", "Whether the custom landing page URL is flushed on the next UI load"},
	{"HAS_WORKLOAD_IDENTITY", "false", "Whether the user has a workload identity"},
}

// settableUserProps are the properties CREATE/ALTER USER accept.
var settableUserProps = map[string]bool{
	"PASSWORD": true, "LOGIN_NAME": true, "DISPLAY_NAME": true, "FIRST_NAME": true, "MIDDLE_NAME": true,
	"LAST_NAME": true, "EMAIL": true, "MUST_CHANGE_PASSWORD": true, "DISABLED": true, "DAYS_TO_EXPIRY": true,
	"DEFAULT_WAREHOUSE": true, "DEFAULT_NAMESPACE": true, "DEFAULT_ROLE": true, "DEFAULT_SECONDARY_ROLES": true,
	"RSA_PUBLIC_KEY": true, "RSA_PUBLIC_KEY_2": true, "TYPE": true, "COMMENT": true, "MINS_TO_UNLOCK": true,
	"MINS_TO_BYPASS_MFA": true, "NETWORK_POLICY": true,
}

// UserProperty is one row of DESCRIBE USER.
type UserProperty struct {
	Property, Value, Default, Description string
}
