package snowflake_test

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/sferr"
	"github.com/frostgate/frostgate/wire/snowflake"
)

// keyPair is a user's RSA key as Snowflake's key-pair docs set it up.
type keyPair struct {
	priv *rsa.PrivateKey
	pub  string // base64 DER, as ALTER USER ... SET RSA_PUBLIC_KEY takes it
	fp   string // SHA256:<base64 of the DER's SHA-256>
}

func newKeyPair(t *testing.T) keyPair {
	t.Helper()
	priv, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	der, err := x509.MarshalPKIXPublicKey(priv.Public())
	require.NoError(t, err)
	sum := sha256.Sum256(der)
	return keyPair{priv: priv, pub: base64.StdEncoding.EncodeToString(der), fp: "SHA256:" + base64.StdEncoding.EncodeToString(sum[:])}
}

// jwt signs claims the way gosnowflake's prepareJWTToken does.
func (k keyPair) jwt(t *testing.T, claims map[string]any) string {
	t.Helper()
	enc := func(v any) string {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		return base64.RawURLEncoding.EncodeToString(b)
	}
	signing := enc(map[string]string{"alg": "RS256", "typ": "JWT"}) + "." + enc(claims)
	sum := sha256.Sum256([]byte(signing))
	sig, err := rsa.SignPKCS1v15(rand.Reader, k.priv, crypto.SHA256, sum[:])
	require.NoError(t, err)
	return signing + "." + base64.RawURLEncoding.EncodeToString(sig)
}

func TestKeyPairLogin(t *testing.T) {
	t.Parallel()
	e := newEnv(t, snowflake.Config{})
	key, other := newKeyPair(t), newKeyPair(t)
	// The key as a PEM block with line breaks, as users often paste it.
	pem := "-----BEGIN PUBLIC KEY-----\n" + key.pub[:64] + "\n" + key.pub[64:] + "\n-----END PUBLIC KEY-----"
	e.admin("CREATE ROLE ANALYST", "CREATE USER ALICE", "GRANT ROLE ANALYST TO USER ALICE",
		"ALTER USER ALICE SET RSA_PUBLIC_KEY_2='"+pem+"'")
	now := time.Now().Unix()
	good := map[string]any{"iss": "ACME.ALICE." + key.fp, "sub": "ACME.ALICE", "iat": now, "exp": now + 60}
	with := func(k, v string) map[string]any {
		c := map[string]any{}
		for n, x := range good {
			c[n] = x
		}
		c[k] = v
		return c
	}

	r := e.login(url.Values{"roleName": {"ANALYST"}}, map[string]any{"AUTHENTICATOR": "SNOWFLAKE_JWT",
		"ACCOUNT_NAME": "acme.us-east-1", "TOKEN": key.jwt(t, good)})
	require.True(t, r.Success, string(r.Data))
	require.Equal(t, "ANALYST", r.data(t)["sessionInfo"].(map[string]any)["roleName"])

	bad := map[string]string{
		"another key":          other.jwt(t, good),
		"another fingerprint":  key.jwt(t, with("iss", "ACME.ALICE."+other.fp)),
		"another account":      key.jwt(t, with("sub", "OTHER.ALICE")),
		"issuer not subject":   key.jwt(t, with("iss", "ACME.BOB."+key.fp)),
		"expired":              key.jwt(t, map[string]any{"iss": good["iss"], "sub": good["sub"], "iat": now - 7200, "exp": now - 3600}),
		"lifetime over 1 hour": key.jwt(t, map[string]any{"iss": good["iss"], "sub": good["sub"], "iat": now, "exp": now + 7200}),
		"unknown user":         key.jwt(t, map[string]any{"iss": "ACME.NOBODY." + key.fp, "sub": "ACME.NOBODY", "iat": now, "exp": now + 60}),
		"tampered":             strings.Replace(key.jwt(t, good), ".", ".x", 1),
		"not a JWT":            "hello",
	}
	for name, tok := range bad {
		r := e.login(nil, map[string]any{"AUTHENTICATOR": "SNOWFLAKE_JWT", "ACCOUNT_NAME": "ACME", "TOKEN": tok})
		require.False(t, r.Success, name)
		require.Equal(t, "390144", r.code(), name)
	}
	r = e.login(nil, map[string]any{"AUTHENTICATOR": "SNOWFLAKE_JWT", "ACCOUNT_NAME": "ACME", "LOGIN_NAME": "BOB", "TOKEN": key.jwt(t, good)})
	require.Equal(t, "390144", r.code(), "LOGIN_NAME must be the token's user")
}

// The OAuth write-access flow of seed 000: an administrator issues each user
// a token scoped to one role; the user's tool logs in with it and works
// with that role's privileges.
func TestOAuthLogin(t *testing.T) {
	t.Parallel()
	var offset atomic.Int64
	e := newEnv(t, snowflake.Config{Now: func() time.Time { return time.Now().Add(time.Duration(offset.Load())) }})
	e.admin("CREATE ROLE WRITER", "CREATE ROLE OTHER", "CREATE USER ALICE PASSWORD='pw'",
		"GRANT ROLE WRITER TO USER ALICE", "GRANT ROLE OTHER TO USER ALICE",
		"CREATE DATABASE SIGMA", "CREATE SCHEMA SIGMA.WRITEBACK",
		"GRANT USAGE ON DATABASE SIGMA TO ROLE WRITER", "GRANT USAGE, CREATE TABLE ON SCHEMA SIGMA.WRITEBACK TO ROLE WRITER")

	tok, err := e.srv.IssueOAuthToken("alice", "writer", time.Minute)
	require.NoError(t, err)
	r := e.login(url.Values{"databaseName": {"SIGMA"}, "schemaName": {"WRITEBACK"}},
		map[string]any{"AUTHENTICATOR": "OAUTH", "TOKEN": tok, "LOGIN_NAME": "ALICE"})
	require.True(t, r.Success, string(r.Data))
	d := r.data(t)
	require.Equal(t, "WRITER", d["sessionInfo"].(map[string]any)["roleName"], "the token's role scope")
	s := &session{e: e, token: d["token"].(string)}
	require.True(t, s.query("CREATE TABLE SIGMA.WRITEBACK.SIGDS_T (ID INT)").Success)

	r = e.login(url.Values{"roleName": {"OTHER"}}, map[string]any{"AUTHENTICATOR": "OAUTH", "TOKEN": tok})
	require.Equal(t, "390189", r.code(), "a role outside the scope")
	r = e.login(nil, map[string]any{"AUTHENTICATOR": "OAUTH", "TOKEN": tok, "LOGIN_NAME": "BOB"})
	require.Equal(t, "390303", r.code(), "another user's token")
	r = e.login(nil, map[string]any{"AUTHENTICATOR": "OAUTH", "TOKEN": tok[:len(tok)-2] + "xx"})
	require.Equal(t, "390303", r.code(), "a tampered token")
	offset.Add(int64(2 * time.Minute))
	r = e.login(nil, map[string]any{"AUTHENTICATOR": "OAUTH", "TOKEN": tok})
	require.Equal(t, "390318", r.code(), "an expired token")

	_, err = e.srv.IssueOAuthToken("ALICE", "ACCOUNTADMIN", 0)
	require.True(t, sferr.Is(err, 390189), "a role the user does not hold: %v", err)
	_, err = e.srv.IssueOAuthToken("NOBODY", "", 0)
	require.True(t, sferr.Is(err, 390100), "%v", err)
	_, err = e.srv.IssueOAuthToken("ALICE", "", 25*time.Hour)
	require.ErrorIs(t, err, snowflake.ErrOAuthValidity)
}

// The admin endpoints take only ADMIN's credentials.
func TestAdminEndpoints(t *testing.T) {
	t.Parallel()
	e := newEnv(t, snowflake.Config{})
	e.admin("CREATE ROLE WRITER", "CREATE USER ALICE PASSWORD='pw'", "GRANT ROLE WRITER TO USER ALICE",
		"GRANT ROLE ACCOUNTADMIN TO USER ALICE")
	basic := func(user, pw string) map[string]string {
		return map[string]string{"Authorization": "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pw))}
	}
	body := map[string]any{"user": "alice", "role": "writer", "validity_seconds": 120}

	r := e.post("/frostgate/v1/oauth-token", nil, body)
	require.Equal(t, 401, r.Status)
	require.Equal(t, "390101", r.code())
	r = e.post("/frostgate/v1/oauth-token", basic("ADMIN", "wrong"), body)
	require.Equal(t, 401, r.Status)
	require.Equal(t, "390100", r.code())
	r = e.post("/frostgate/v1/oauth-token", basic("ALICE", "pw"), body)
	require.Equal(t, 401, r.Status, "another user, even an ACCOUNTADMIN, is refused")

	var tok struct {
		AccessToken string `json:"access_token"`
		TokenType   string `json:"token_type"`
		ExpiresIn   int64  `json:"expires_in"`
		Scope       string `json:"scope"`
		Username    string `json:"username"`
	}
	raw := e.postRaw("/frostgate/v1/oauth-token", basic("admin", "admin"), body)
	require.NoError(t, json.Unmarshal(raw, &tok))
	require.Equal(t, "Bearer", tok.TokenType)
	require.EqualValues(t, 120, tok.ExpiresIn)
	require.Equal(t, "session:role:WRITER", tok.Scope)
	require.Equal(t, "ALICE", tok.Username)
	lr := e.login(nil, map[string]any{"AUTHENTICATOR": "OAUTH", "TOKEN": tok.AccessToken})
	require.True(t, lr.Success)

	r = e.post("/frostgate/v1/oauth-token", basic("ADMIN", "admin"), map[string]any{"user": "ALICE", "role": "NOPE"})
	require.Equal(t, 400, r.Status)
	require.Equal(t, "390189", r.code())

}
