package snowflake

import "encoding/json"

// Request and response bodies of the driver protocol. JSON names are the
// drivers' own (gosnowflake auth.go authRequestData / authResponseMain,
// query.go execRequest / execResponseData, restful.go
// renewSessionResponseMain; Node lib/services/sf.js), so a field a driver
// reads is spelled here exactly as it reads it. Request structs list only
// what the server uses: unknown fields (CLIENT_ENVIRONMENT, queryContextDTO,
// ...) are ignored, as Snowflake ignores what it does not need.

// loginRequest is the body of POST /session/v1/login-request.
type loginRequest struct {
	Data loginData `json:"data"`
}

type loginData struct {
	ClientAppID       string         `json:"CLIENT_APP_ID"`
	ClientAppVersion  string         `json:"CLIENT_APP_VERSION"`
	AccountName       string         `json:"ACCOUNT_NAME"`
	LoginName         string         `json:"LOGIN_NAME"`
	Password          string         `json:"PASSWORD"`
	Authenticator     string         `json:"AUTHENTICATOR"`
	Token             string         `json:"TOKEN"` // the JWT (SNOWFLAKE_JWT) or the access token (OAUTH)
	SessionParameters map[string]any `json:"SESSION_PARAMETERS"`
}

// queryRequest is the body of POST /queries/v1/query-request.
type queryRequest struct {
	SQLText      string                     `json:"sqlText"`
	AsyncExec    bool                       `json:"asyncExec"`
	SequenceID   uint64                     `json:"sequenceId"`
	DescribeOnly bool                       `json:"describeOnly"`
	Parameters   map[string]any             `json:"parameters"`
	Bindings     map[string]json.RawMessage `json:"bindings"`
	BindStage    string                     `json:"bindStage"`
}

// abortRequest is the body of POST /queries/v1/abort-request: the requestId
// URL parameter of the query-request to stop.
type abortRequest struct {
	RequestID string `json:"requestId"`
	SQLText   string `json:"sqlText"` // sent by Node, not needed
}

// renewRequest is the body of POST /session/token-request.
type renewRequest struct {
	OldSessionToken string `json:"oldSessionToken"`
	RequestType     string `json:"requestType"` // "RENEW"
}

// response is every reply's envelope. Failures carry code and message
// (errors.go); success has code and message null.
type response struct {
	Data    any     `json:"data"`
	Code    *string `json:"code"`
	Message *string `json:"message"`
	Success bool    `json:"success"`
}

// nameValue is one entry of the parameters list of login and query replies.
type nameValue struct {
	Name  string `json:"name"`
	Value any    `json:"value"`
}

// loginResponse is data of a successful login.
type loginResponse struct {
	Token                   string      `json:"token"`
	ValidityInSeconds       int64       `json:"validityInSeconds"`
	MasterToken             string      `json:"masterToken"`
	MasterValidityInSeconds int64       `json:"masterValidityInSeconds"`
	DisplayUserName         string      `json:"displayUserName"`
	ServerVersion           string      `json:"serverVersion"`
	FirstLogin              bool        `json:"firstLogin"`
	HealthCheckInterval     int64       `json:"healthCheckInterval"`
	NewClientForUpgrade     *string     `json:"newClientForUpgrade"`
	SessionID               int64       `json:"sessionId"`
	Parameters              []nameValue `json:"parameters"`
	SessionInfo             sessionInfo `json:"sessionInfo"`
}

// sessionInfo is the context the login settled on; null where there is none.
type sessionInfo struct {
	DatabaseName  *string `json:"databaseName"`
	SchemaName    *string `json:"schemaName"`
	WarehouseName *string `json:"warehouseName"`
	RoleName      *string `json:"roleName"`
}

// renewResponse is data of a successful token-request.
type renewResponse struct {
	SessionToken        string `json:"sessionToken"`
	ValidityInSecondsST int64  `json:"validityInSecondsST"`
	MasterToken         string `json:"masterToken"`
	ValidityInSecondsMT int64  `json:"validityInSecondsMT"`
	SessionID           int64  `json:"sessionId"`
}

// queryResponse is data of a successful query-request: the whole result
// inline as a JSON rowset (no chunks), which every official driver reads.
type queryResponse struct {
	Parameters         []nameValue `json:"parameters"`
	RowType            []rowType   `json:"rowtype"`
	RowSet             [][]*string `json:"rowset"`
	Total              int64       `json:"total"`
	Returned           int64       `json:"returned"`
	QueryID            string      `json:"queryId"`
	DatabaseProvider   *string     `json:"databaseProvider"`
	FinalDatabaseName  *string     `json:"finalDatabaseName"`
	FinalSchemaName    *string     `json:"finalSchemaName"`
	FinalWarehouseName *string     `json:"finalWarehouseName"`
	FinalRoleName      *string     `json:"finalRoleName"`
	NumberOfBinds      int         `json:"numberOfBinds"`
	ArrayBindSupported bool        `json:"arrayBindSupported"`
	StatementTypeID    int64       `json:"statementTypeId"`
	Version            int64       `json:"version"`
	SendResultTime     int64       `json:"sendResultTime"`
	QueryResultFormat  string      `json:"queryResultFormat"`
	// QueryContext stays null: it feeds the drivers' hybrid-table query
	// context cache, which null leaves empty (gosnowflake, Node
	// queryContextCache.js).
	QueryContext *struct{} `json:"queryContext"`
}

// rowType describes one result column (gosnowflake execResponseRowType,
// Node column.js). Unknown sizes are null, as Snowflake sends them.
type rowType struct {
	Name       string  `json:"name"`
	Database   string  `json:"database"`
	Schema     string  `json:"schema"`
	Table      string  `json:"table"`
	Type       string  `json:"type"`
	ByteLength *int64  `json:"byteLength"`
	Length     *int64  `json:"length"`
	Precision  *int64  `json:"precision"`
	Scale      *int64  `json:"scale"`
	Nullable   bool    `json:"nullable"`
	Collation  *string `json:"collation"`
}

// failureData is data of a failed request (errors.go).
type failureData struct {
	ErrorCode string `json:"errorCode"`
	SQLState  string `json:"sqlState"`
	QueryID   string `json:"queryId,omitempty"`
}

// oauthTokenRequest is the body of POST /frostgate/v1/oauth-token
// (admin.go): whom to issue an access token for.
type oauthTokenRequest struct {
	User            string `json:"user"`
	Role            string `json:"role"`
	ValiditySeconds int64  `json:"validity_seconds"`
}

// oauthTokenResponse follows the shape of an OAuth 2.0 token response
// (RFC 6749 §5.1) and Snowflake's /oauth/token-request reply: it is the
// whole reply, not wrapped in the response envelope.
type oauthTokenResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int64  `json:"expires_in"`
	Scope       string `json:"scope"`
	Username    string `json:"username"`
}
