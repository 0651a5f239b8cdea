package snowflake

import (
	"net/http"
	"strings"

	"github.com/frostgate/frostgate/sferr"
	"github.com/frostgate/frostgate/sqlengine"
)

// login serves POST /session/v1/login-request. The URL carries the
// connection context the client asks for (databaseName, schemaName,
// warehouse, roleName: gosnowflake auth.go, Node buildLoginUrl); the body
// carries the credentials, by AUTHENTICATOR:
//
//   - SNOWFLAKE (or none): LOGIN_NAME and PASSWORD, checked by the account,
//     which also limits failed attempts per user;
//   - SNOWFLAKE_JWT: a key-pair JWT in TOKEN (jwt.go);
//   - OAUTH: an access token Frostgate issued, in TOKEN (oauth.go).
//
// A refused login is a 200 reply with success false and Snowflake's code:
// 390100 wrong password or unknown user, 390007 disabled user, 390189 a role
// the user does not hold, 390144 / 390303 / 390318 for bad tokens.
func (s *Server) login(w http.ResponseWriter, r *http.Request, _ *session) {
	var req loginRequest
	if e := s.decode(w, r, &req); e != nil {
		s.fail(w, r, statusOf(e), e, "")
		return
	}
	d := req.Data
	q := r.URL.Query()
	role := q.Get("roleName")
	eng := s.cfg.Engine()
	ctx := r.Context()

	var sess *sqlengine.Session
	var err error
	switch authn := strings.ToUpper(strings.TrimSpace(d.Authenticator)); authn {
	case "", "SNOWFLAKE", "USERNAME_PASSWORD_MFA": // no MFA in an emulator: the password decides
		sess, err = eng.Open(ctx, sqlengine.Login{User: d.LoginName, Password: d.Password, Role: role})
	case "SNOWFLAKE_JWT":
		user, e := verifyJWT(eng, d.Token, d.AccountName, d.LoginName, s.cfg.Now())
		if e != nil {
			s.fail(w, r, statusOf(e), e, "")
			return
		}
		sess, err = eng.OpenVerified(ctx, user, role)
	case "OAUTH":
		sess, err = s.openOAuth(r, eng, d.Token, d.LoginName, role)
	default:
		err = sferr.Unsupported("authenticator " + authn)
	}
	if err != nil {
		e := asSF(err)
		s.fail(w, r, statusOf(e), e, "")
		return
	}
	sess.UseConnectionContext(q.Get("databaseName"), q.Get("schemaName"), q.Get("warehouse"))
	params := sessionParameters(d.SessionParameters)
	token, master, err := s.sessions.add(eng, sess, params, &s.cfg)
	if err != nil {
		_ = sess.Close()
		s.fail(w, r, http.StatusServiceUnavailable, sferr.SessionGone(), "")
		return
	}
	st := sess.State()
	s.ok(w, r, loginResponse{
		Token: token, ValidityInSeconds: seconds(s.cfg.TokenValidity),
		MasterToken: master, MasterValidityInSeconds: seconds(s.cfg.MasterTokenValidity),
		DisplayUserName: st.User, ServerVersion: sqlengine.Version,
		HealthCheckInterval: 45, SessionID: st.SessionID, Parameters: params,
		SessionInfo: sessionInfo{DatabaseName: nullable(st.Database), SchemaName: nullable(st.Schema),
			WarehouseName: nullable(st.Warehouse), RoleName: nullable(st.Role)},
	})
}

// defaultParameters are the session parameters every login and query reply
// lists, with Snowflake's defaults. Drivers read them: Node formats
// timestamps with TIMEZONE and the *_OUTPUT_FORMATs of the query reply;
// CLIENT_TELEMETRY_ENABLED false stops /telemetry/send (gosnowflake
// connection_util.go); CLIENT_STAGE_ARRAY_BINDING_THRESHOLD 0 keeps array
// binds off stages (as fakesnow).
var defaultParameters = []nameValue{
	{"AUTOCOMMIT", true},
	{"BINARY_OUTPUT_FORMAT", "HEX"},
	{"CLIENT_PREFETCH_THREADS", 4},
	{"CLIENT_RESULT_CHUNK_SIZE", 160},
	{"CLIENT_SESSION_KEEP_ALIVE", false},
	{"CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY", 3600},
	{"CLIENT_STAGE_ARRAY_BINDING_THRESHOLD", 0},
	{"CLIENT_TELEMETRY_ENABLED", false},
	{"CLIENT_TIMESTAMP_TYPE_MAPPING", "TIMESTAMP_LTZ"},
	{"DATE_OUTPUT_FORMAT", "YYYY-MM-DD"},
	{"QUERY_TAG", ""},
	{"TIMESTAMP_LTZ_OUTPUT_FORMAT", ""},
	{"TIMESTAMP_NTZ_OUTPUT_FORMAT", "YYYY-MM-DD HH24:MI:SS.FF3"},
	{"TIMESTAMP_OUTPUT_FORMAT", "YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM"},
	{"TIMESTAMP_TYPE_MAPPING", "TIMESTAMP_NTZ"},
	{"TIMESTAMP_TZ_OUTPUT_FORMAT", ""},
	{"TIMEZONE", "America/Los_Angeles"},
	{"TIME_OUTPUT_FORMAT", "HH24:MI:SS"},
}

// sessionParameters returns the defaults with the values the client set at
// login (SESSION_PARAMETERS) for the same names: a client that asks for
// TIMEZONE UTC sees UTC. Names Frostgate does not list are accepted and
// ignored, as Snowflake ignores CLIENT_* settings it does not act on.
func sessionParameters(set map[string]any) []nameValue {
	out := make([]nameValue, len(defaultParameters))
	copy(out, defaultParameters)
	for name, v := range set {
		for i := range out {
			if strings.EqualFold(out[i].Name, name) {
				out[i].Value = v
			}
		}
	}
	return out
}

// nullable is s, or JSON null when s is empty.
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
