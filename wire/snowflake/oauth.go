package snowflake

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/frostgate/frostgate/sferr"
	"github.com/frostgate/frostgate/sqlengine"
)

// OAuth access tokens (AUTHENTICATOR=OAUTH, the token in TOKEN). In
// Snowflake a security integration issues them to a client application for
// one user, with a scope such as session:role:ANALYST that fixes the
// session's primary role (https://docs.snowflake.com/en/user-guide/oauth-custom).
// Frostgate has no authorization server: the emulator issues tokens itself,
// through IssueOAuthToken or POST /frostgate/v1/oauth-token (admin.go), so a
// test can play a tool's per-user OAuth flow (a BI tool writing back with
// each user's own token and role, seed 000).
//
// A token is "fgo1." + base64url(claims) + "." + base64url(HMAC-SHA-256 of
// the claims under a key the Server draws at New), so it names its user,
// role and expiry itself and the server keeps no token table; tokens do not
// outlive the Server that issued them.

const (
	oauthPrefix          = "fgo1."
	defaultOAuthValidity = 10 * time.Minute // Snowflake's OAUTH_ACCESS_TOKEN_VALIDITY default
	maxOAuthValidity     = 24 * time.Hour
)

type oauthClaims struct {
	User    string `json:"u"`
	Role    string `json:"r,omitempty"` // "" for a token without a role scope
	Expires int64  `json:"e"`           // Unix seconds
}

// ErrOAuthValidity is returned by IssueOAuthToken for a validity above 24 hours.
var ErrOAuthValidity = errors.New("snowflake: an OAuth token may be valid for at most 24 hours")

// IssueOAuthToken returns an OAuth access token for user with the scope
// session:role:<role> (no role scope when role is ""), valid for ttl (0 means
// ten minutes, Snowflake's default; at most 24 hours). A driver logs in with
// it as authenticator OAUTH: the session's primary role is role, and a login
// asking for another role fails with 390189. The user must exist, be
// enabled and hold role when the token is issued; the error is then the
// *sferr.Error a login would get. User and role follow identifier rules.
func (s *Server) IssueOAuthToken(user, role string, ttl time.Duration) (string, error) {
	if ttl <= 0 {
		ttl = defaultOAuthValidity
	}
	if ttl > maxOAuthValidity {
		return "", ErrOAuthValidity
	}
	sess, err := s.cfg.Engine().OpenVerified(context.Background(), user, role)
	if err != nil {
		return "", err
	}
	st := sess.State()
	_ = sess.Close()
	c := oauthClaims{User: st.User, Expires: s.cfg.Now().Add(ttl).Unix()}
	if role != "" {
		c.Role = st.Role
	}
	payload, _ := json.Marshal(c)
	body := base64.RawURLEncoding.EncodeToString(payload)
	return oauthPrefix + body + "." + base64.RawURLEncoding.EncodeToString(s.oauthMAC(body)), nil
}

func (s *Server) oauthMAC(body string) []byte {
	m := hmac.New(sha256.New, s.oauthKey)
	m.Write([]byte(oauthPrefix + body))
	return m.Sum(nil)
}

// verifyOAuth returns the claims of a token this Server issued: 390303 when
// it is not one (or names another user than LOGIN_NAME), 390318 when it has
// expired.
func (s *Server) verifyOAuth(token, loginName string) (oauthClaims, *sferr.Error) {
	var c oauthClaims
	rest, ok := strings.CutPrefix(token, oauthPrefix)
	body, mac, ok2 := strings.Cut(rest, ".")
	if !ok || !ok2 {
		return c, sferr.OAuthTokenInvalid()
	}
	got, err := base64.RawURLEncoding.DecodeString(mac)
	if err != nil || !hmac.Equal(got, s.oauthMAC(body)) {
		return c, sferr.OAuthTokenInvalid()
	}
	payload, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil || json.Unmarshal(payload, &c) != nil || c.User == "" {
		return c, sferr.OAuthTokenInvalid()
	}
	if loginName != "" && !strings.EqualFold(loginName, c.User) {
		return c, sferr.OAuthTokenInvalid()
	}
	if s.cfg.Now().Unix() >= c.Expires {
		return c, sferr.OAuthTokenExpired()
	}
	return c, nil
}

// openOAuth opens the session of an OAUTH login. The token's role scope
// decides the primary role; a roleName the client also sent must name the
// same role (the engine resolves both names, so identifier rules stay in
// one place).
func (s *Server) openOAuth(r *http.Request, eng *sqlengine.Engine, token, loginName, role string) (*sqlengine.Session, error) {
	c, e := s.verifyOAuth(token, loginName)
	if e != nil {
		return nil, e
	}
	asked := role
	if asked == "" {
		asked = c.Role
	}
	sess, err := eng.OpenVerified(r.Context(), c.User, asked)
	if err != nil {
		if sferr.Is(err, 390100) { // the user is gone since the token was issued
			return nil, sferr.OAuthTokenInvalid()
		}
		return nil, err
	}
	if got := sess.State().Role; c.Role != "" && got != c.Role {
		_ = sess.Close()
		return nil, sferr.LoginRoleNotGranted(got)
	}
	return sess, nil
}
