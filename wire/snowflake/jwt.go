package snowflake

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"

	"github.com/frostgate/frostgate/sferr"
	"github.com/frostgate/frostgate/sqlengine"
)

// Key-pair authentication (AUTHENTICATOR=SNOWFLAKE_JWT), checked as
// Snowflake documents it
// (https://docs.snowflake.com/en/user-guide/key-pair-auth#generate-a-jwt-token)
// and as gosnowflake's prepareJWTToken builds the token:
//
//	header  {"alg":"RS256","typ":"JWT"}
//	iss     ACCOUNT.USER.SHA256:<base64 SHA-256 of the public key's DER>
//	sub     ACCOUNT.USER
//	iat     issue time; exp at most one hour later
//
// ACCOUNT is the account name up to its first dot, upper case; USER the
// login name, upper case. The signature must verify with the user's
// RSA_PUBLIC_KEY or RSA_PUBLIC_KEY_2, the one whose fingerprint iss names.

const (
	maxJWTLifetime = time.Hour
	jwtClockSkew   = time.Minute // allowed difference between client and server clocks
)

type jwtClaims struct {
	Issuer    string       `json:"iss"`
	Subject   string       `json:"sub"`
	IssuedAt  *json.Number `json:"iat"`
	Expires   *json.Number `json:"exp"`
	NotBefore *json.Number `json:"nbf"`
}

// verifyJWT returns the user a key-pair login's token names, or 390144.
// accountName and loginName are the login body's ACCOUNT_NAME and
// LOGIN_NAME; each is checked against the token when the client sent it.
func verifyJWT(eng *sqlengine.Engine, token, accountName, loginName string, now time.Time) (string, *sferr.Error) {
	invalid := sferr.JWTInvalid()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return "", invalid
	}
	var header struct {
		Alg string `json:"alg"`
	}
	var claims jwtClaims
	if !decodeSegment(parts[0], &header) || header.Alg != "RS256" || !decodeSegment(parts[1], &claims) {
		return "", invalid
	}
	sig, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[2], "="))
	if err != nil {
		return "", invalid
	}

	// sub is ACCOUNT.USER (the account part never holds a dot; a user name may).
	acct, user, found := strings.Cut(claims.Subject, ".")
	if !found || acct == "" || user == "" {
		return "", invalid
	}
	if accountName != "" && !strings.EqualFold(acct, accountPart(accountName)) {
		return "", invalid
	}
	if loginName != "" && !strings.EqualFold(user, loginName) {
		return "", invalid
	}
	fingerprint, found := strings.CutPrefix(claims.Issuer, claims.Subject+".")
	if !found {
		// The issuer's ACCOUNT.USER may differ in case only.
		if len(claims.Issuer) <= len(claims.Subject) || !strings.EqualFold(claims.Issuer[:len(claims.Subject)], claims.Subject) ||
			claims.Issuer[len(claims.Subject)] != '.' {
			return "", invalid
		}
		fingerprint = claims.Issuer[len(claims.Subject)+1:]
	}
	if !strings.HasPrefix(fingerprint, "SHA256:") {
		return "", invalid
	}
	if !validTimes(claims, now) {
		return "", invalid
	}

	signed := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	for _, stored := range eng.PublicKeys(user) {
		key, fp, ok := parsePublicKey(stored)
		if !ok || fp != fingerprint {
			continue
		}
		if rsa.VerifyPKCS1v15(key, crypto.SHA256, signed[:], sig) == nil {
			return user, nil
		}
	}
	return "", invalid
}

// validTimes checks iat, exp and nbf against now, allowing jwtClockSkew.
func validTimes(c jwtClaims, now time.Time) bool {
	unix := func(n *json.Number) (time.Time, bool) {
		if n == nil {
			return time.Time{}, false
		}
		f, err := n.Float64()
		if err != nil || f < 0 || f > 1<<40 {
			return time.Time{}, false
		}
		return time.Unix(int64(f), 0), true
	}
	iat, ok1 := unix(c.IssuedAt)
	exp, ok2 := unix(c.Expires)
	if !ok1 || !ok2 {
		return false
	}
	if now.After(exp.Add(jwtClockSkew)) || iat.After(now.Add(jwtClockSkew)) || exp.Sub(iat) > maxJWTLifetime {
		return false
	}
	if c.NotBefore != nil {
		nbf, ok := unix(c.NotBefore)
		if !ok || nbf.After(now.Add(jwtClockSkew)) {
			return false
		}
	}
	return true
}

// decodeSegment decodes one base64url JSON segment of a JWT into v.
func decodeSegment(seg string, v any) bool {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(seg, "="))
	return err == nil && json.Unmarshal(b, v) == nil
}

// parsePublicKey reads an RSA_PUBLIC_KEY as users set it: the base64 body
// of a PEM "PUBLIC KEY" block, with or without the BEGIN/END lines and line
// breaks. It returns the key and its Snowflake fingerprint
// ("SHA256:" + base64 of the SHA-256 of the DER encoding).
func parsePublicKey(stored string) (*rsa.PublicKey, string, bool) {
	var b strings.Builder
	for _, line := range strings.Split(stored, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "-----") {
			continue
		}
		b.WriteString(strings.Join(strings.Fields(line), ""))
	}
	der, err := base64.StdEncoding.DecodeString(b.String())
	if err != nil {
		return nil, "", false
	}
	pub, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return nil, "", false
	}
	key, ok := pub.(*rsa.PublicKey)
	if !ok {
		return nil, "", false
	}
	sum := sha256.Sum256(der)
	return key, "SHA256:" + base64.StdEncoding.EncodeToString(sum[:]), true
}

// accountPart is the account name as a JWT names it: up to the first dot
// (a locator may carry region and cloud), upper case (gosnowflake
// extractAccountName).
func accountPart(account string) string {
	if i := strings.IndexByte(account, '.'); i > 0 {
		account = account[:i]
	}
	return strings.ToUpper(account)
}
