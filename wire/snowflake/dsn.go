package snowflake

import (
	"net/url"
)

// DSN returns a gosnowflake data source name for a Server listening on
// hostport ("127.0.0.1:PORT"), in the form
//
//	USER:PASSWORD@HOST:PORT?account=ACCOUNT&protocol=http[&role=ROLE]
//
// User and password are escaped. gosnowflake needs account even with an
// explicit host (any name works: Frostgate serves one account); other
// drivers take the same parts as host, port, protocol "http", account.
func DSN(hostport, account, user, password, role string) string {
	q := url.Values{}
	q.Set("account", account)
	q.Set("protocol", "http")
	if role != "" {
		q.Set("role", role)
	}
	return url.UserPassword(user, password).String() + "@" + hostport + "?" + q.Encode()
}
