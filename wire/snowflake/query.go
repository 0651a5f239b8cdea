package snowflake

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/google/uuid"

	"github.com/frostgate/frostgate/sferr"
	"github.com/frostgate/frostgate/sqlengine"
)

// query serves POST /queries/v1/query-request: one statement, run on the
// session the token names, answered with the whole result inline as a JSON
// rowset, the statement type and the session's context after it
// (finalRoleName and friends, which drivers adopt: gosnowflake
// connection.go, Node result.js createSessionState). A failing statement
// is a 200 reply with success false (errors.go).
//
// The statement runs under a context that ends when the client goes away
// or an abort-request names the requestId URL parameter it came with.
func (s *Server) query(w http.ResponseWriter, r *http.Request, ss *session) {
	var req queryRequest
	if e := s.decode(w, r, &req); e != nil {
		s.fail(w, r, statusOf(e), e, "")
		return
	}
	queryID := uuid.NewString()
	if e := unsupportedRequest(&req); e != nil {
		s.fail(w, r, http.StatusOK, e, queryID)
		return
	}
	s.trace(r, "sql "+req.SQLText)

	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	requestID := r.URL.Query().Get("requestId")
	if e := s.sessions.start(ss, requestID, cancel); e != nil {
		s.fail(w, r, statusOf(e), e, queryID)
		return
	}
	defer s.sessions.finish(ss, requestID)
	if err := ss.acquire(ctx); err != nil {
		s.fail(w, r, http.StatusOK, asSF(err), queryID)
		return
	}
	defer ss.release()
	if s.sessions.isEnded(ss) {
		s.fail(w, r, http.StatusOK, sferr.SessionGone(), queryID)
		return
	}

	res, err := ss.sess.Execute(ctx, req.SQLText)
	if err != nil {
		s.fail(w, r, http.StatusOK, asSF(err), queryID)
		return
	}
	defer res.Close()
	data, err := s.queryData(res, ss, queryID)
	if err != nil {
		s.fail(w, r, http.StatusOK, asSF(err), queryID)
		return
	}
	s.ok(w, r, data)
}

// unsupportedRequest refuses what a request asks for that Frostgate does
// not emulate, rather than silently ignoring it: bind variables (the wire
// would have to substitute them into SQL text), asynchronous execution,
// describe-only requests and multi-statement requests.
func unsupportedRequest(req *queryRequest) *sferr.Error {
	switch {
	case len(req.Bindings) > 0 || req.BindStage != "":
		return sferr.Unsupported("bind variables over the Snowflake protocol")
	case req.AsyncExec:
		return sferr.Unsupported("asynchronous query execution")
	case req.DescribeOnly:
		return sferr.Unsupported("describe-only query requests")
	}
	for name, v := range req.Parameters {
		if strings.EqualFold(name, "MULTI_STATEMENT_COUNT") && fmt.Sprint(v) != "1" {
			return sferr.Unsupported("multi-statement requests")
		}
	}
	return nil
}

// queryData builds the reply to a successful statement.
func (s *Server) queryData(res *sqlengine.Result, ss *session, queryID string) (*queryResponse, error) {
	types, rows, err := encodeResult(res)
	if err != nil {
		return nil, err
	}
	if len(types) == 0 && res.Kind() == sqlengine.KindDML {
		// A DML result without rows of its own: Snowflake answers with one
		// row of counts, which gosnowflake sums for RowsAffected.
		n := fmt.Sprint(res.RowsAffected())
		types = []rowType{columnType(sqlengine.Column{Name: dmlCountColumn(res.Command()), Type: "FIXED"})}
		rows = [][]*string{{&n}}
	}
	st := ss.sess.State()
	return &queryResponse{
		Parameters: ss.params, RowType: types, RowSet: rows,
		Total: int64(len(rows)), Returned: int64(len(rows)), QueryID: queryID,
		FinalDatabaseName: nullable(st.Database), FinalSchemaName: nullable(st.Schema),
		FinalWarehouseName: nullable(st.Warehouse), FinalRoleName: nullable(st.Role),
		StatementTypeID: statementTypeID(res), Version: 1, QueryResultFormat: "json",
		SendResultTime: s.cfg.Now().UnixMilli(),
	}, nil
}

// statementTypeIDs are Snowflake's statement type codes by command
// (gosnowflake connection.go, Node statement_type.js, fakesnow
// statement_type.py, JDBC SFStatementType). Drivers use them to tell a row
// count (DML, 0x3000-0x3500) from a result set. GRANT and REVOKE are DDL,
// as the peers spec infers.
var statementTypeIDs = map[string]int64{
	"SELECT": 0x1000, "WITH": 0x1000, "CALL": 0x1000, "EXPLAIN": 0x1000,
	"INSERT": 0x3100, "UPDATE": 0x3200, "DELETE": 0x3300, "MERGE": 0x3400, "COPY": 0x3600,
	"ALTER SESSION": 0x4100, "USE": 0x4300, "SHOW": 0x4400, "DESCRIBE": 0x4500, "SET": 0x4000,
	"BEGIN": 0x5000, "COMMIT": 0x5000, "ROLLBACK": 0x5000,
	"CREATE": 0x6000, "ALTER": 0x6000, "DROP": 0x6000, "UNDROP": 0x6000, "GRANT": 0x6000,
	"REVOKE": 0x6000, "TRUNCATE": 0x6000,
}

func statementTypeID(res *sqlengine.Result) int64 {
	if id, ok := statementTypeIDs[res.Command()]; ok {
		return id
	}
	switch res.Kind() {
	case sqlengine.KindQuery:
		return 0x1000
	case sqlengine.KindDML:
		return 0x3000
	case sqlengine.KindUse:
		return 0x4000
	}
	return 0x6000
}

// dmlCountColumn is the name Snowflake gives a DML statement's count column.
func dmlCountColumn(command string) string {
	switch command {
	case "INSERT":
		return "number of rows inserted"
	case "UPDATE":
		return "number of rows updated"
	case "DELETE":
		return "number of rows deleted"
	}
	return "number of rows affected"
}

// abort serves POST /queries/v1/abort-request: it cancels the statement
// running for the requestId in the body (gosnowflake sends it when a
// context is canceled). 000605 when none is, which gosnowflake retries and
// then takes as done.
func (s *Server) abort(w http.ResponseWriter, r *http.Request, ss *session) {
	var req abortRequest
	if e := s.decode(w, r, &req); e != nil {
		s.fail(w, r, statusOf(e), e, "")
		return
	}
	if req.RequestID == "" || !s.sessions.cancel(ss, req.RequestID) {
		s.fail(w, r, http.StatusOK, sferr.QueryNotExecuting(), "")
		return
	}
	s.ok(w, r, nil)
}
