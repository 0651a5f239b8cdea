package snowflake

import (
	"net/http"
	"strings"
	"time"

	"github.com/frostgate/frostgate/sferr"
	"github.com/frostgate/frostgate/sqlengine"
)

// The /frostgate/v1/ endpoints are Frostgate's own, not Snowflake's: they
// let a test harness outside the process drive the emulator. They take HTTP
// basic auth with Config.AdminUser's login name and password (checked by the
// account like any login, so failures count towards its lock-out) and JSON.
//
//	POST /frostgate/v1/oauth-token  {"user":"ALICE","role":"ANALYST","validity_seconds":600}
//	  -> {"access_token":"fgo1....","token_type":"Bearer","expires_in":600,
//	      "scope":"session:role:ANALYST","username":"ALICE"}
//	  (role and validity_seconds are optional; see IssueOAuthToken)
//
// The account is reset with SQL, SELECT SYSTEM$FROSTGATE_RESET(), the same
// over both protocols.
//
// Failures use the protocol's failure body, with status 401 for bad
// credentials and 400 for a bad request.

// checkAdmin accepts only Config.AdminUser's credentials.
func (s *Server) checkAdmin(r *http.Request) *sferr.Error {
	user, password, ok := r.BasicAuth()
	if !ok {
		return sferr.AuthorizationMissing()
	}
	if !strings.EqualFold(user, s.cfg.AdminUser) {
		return sferr.IncorrectCredentials()
	}
	sess, err := s.cfg.Engine().Open(r.Context(), sqlengine.Login{User: user, Password: password})
	if err != nil {
		return asSF(err)
	}
	_ = sess.Close()
	return nil
}

// issueOAuth serves POST /frostgate/v1/oauth-token.
func (s *Server) issueOAuth(w http.ResponseWriter, r *http.Request, _ *session) {
	var req oauthTokenRequest
	if e := s.decode(w, r, &req); e != nil {
		s.fail(w, r, statusOf(e), e, "")
		return
	}
	if req.User == "" {
		s.fail(w, r, http.StatusBadRequest, sferr.BadRequest("user is required"), "")
		return
	}
	if req.ValiditySeconds < 0 || req.ValiditySeconds > int64(maxOAuthValidity/time.Second) {
		s.fail(w, r, http.StatusBadRequest, sferr.BadRequest("validity_seconds must be between 0 and 86400"), "")
		return
	}
	ttl := time.Duration(req.ValiditySeconds) * time.Second
	if ttl == 0 {
		ttl = defaultOAuthValidity
	}
	tok, err := s.IssueOAuthToken(req.User, req.Role, ttl)
	if err != nil {
		e := asSF(err)
		s.fail(w, r, http.StatusBadRequest, e, "")
		return
	}
	c, _ := s.verifyOAuth(tok, "")
	scope := "session:role-any"
	if c.Role != "" {
		scope = "session:role:" + c.Role
	}
	s.trace(r, "issued a token for "+c.User)
	writeJSON(w, http.StatusOK, oauthTokenResponse{AccessToken: tok, TokenType: "Bearer",
		ExpiresIn: int64(ttl / time.Second), Scope: scope, Username: c.User})
}
