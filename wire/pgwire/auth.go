package pgwire

import (
	"context"
	"crypto/hmac"
	"crypto/md5"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgproto3"

	"github.com/frostgate/frostgate/sqlengine"
)

// AuthMethod is how a Server checks passwords.
type AuthMethod int

const (
	// AuthSCRAM is SCRAM-SHA-256 (RFC 5802, RFC 7677), PostgreSQL's
	// default: the password never crosses the wire, and the server keeps
	// only a salted key.
	AuthSCRAM AuthMethod = iota
	// AuthMD5 is PostgreSQL's md5 method, for old clients.
	AuthMD5
	// AuthCleartext receives the password as is; use it only over TLS.
	AuthCleartext
)

// String returns the method's name as pg_hba.conf spells it.
func (m AuthMethod) String() string {
	switch m {
	case AuthSCRAM:
		return "scram-sha-256"
	case AuthMD5:
		return "md5"
	case AuthCleartext:
		return "password"
	}
	return "AuthMethod(" + strconv.Itoa(int(m)) + ")"
}

// ParseAuthMethod reads a method's pg_hba.conf name: scram-sha-256, md5
// or password.
func ParseAuthMethod(s string) (AuthMethod, error) {
	for _, m := range []AuthMethod{AuthSCRAM, AuthMD5, AuthCleartext} {
		if strings.EqualFold(s, m.String()) {
			return m, nil
		}
	}
	return 0, fmt.Errorf("unknown authentication method %q (want scram-sha-256, md5 or password)", s)
}

// authenticate checks the client's password with the configured method
// and opens its session. Every failure is the error Snowflake shows for a
// login (390100 for a wrong password or unknown user, alike), and each one
// counts towards the user's lock-out.
func (c *conn) authenticate(user, role string) error {
	eng := c.srv.cfg.Engine()
	var err error
	switch c.srv.cfg.Auth {
	case AuthCleartext:
		err = c.authCleartext(eng, user, role)
	case AuthMD5:
		err = c.authMD5(eng, user, role)
	default:
		err = c.authSCRAM(eng, user, role)
	}
	return err
}

// receiveAuth reads the client's next authentication message.
func (c *conn) receiveAuth(authType uint32) (pgproto3.FrontendMessage, error) {
	if !c.flush() {
		return nil, errStopped
	}
	_ = c.be.SetAuthType(authType)
	msg, err := c.be.Receive()
	if err != nil {
		return nil, &pgError{code: "08P01", msg: "expected an authentication response: " + err.Error()}
	}
	return msg, nil
}

func protocolViolation(want string, got pgproto3.FrontendMessage) error {
	return &pgError{code: "08P01", msg: fmt.Sprintf("expected %s, got %T", want, got)}
}

func (c *conn) authCleartext(eng *sqlengine.Engine, user, role string) error {
	c.send(&pgproto3.AuthenticationCleartextPassword{})
	msg, err := c.receiveAuth(pgproto3.AuthTypeCleartextPassword)
	if err != nil {
		return err
	}
	pm, ok := msg.(*pgproto3.PasswordMessage)
	if !ok {
		return protocolViolation("a password message", msg)
	}
	// The engine compares in constant time and counts failures.
	c.sess, err = eng.Open(context.Background(), sqlengine.Login{User: user, Password: pm.Password, Role: role})
	return err
}

func (c *conn) authMD5(eng *sqlengine.Engine, user, role string) error {
	salt := make([]byte, 4)
	_, _ = rand.Read(salt)
	c.send(&pgproto3.AuthenticationMD5Password{Salt: [4]byte(salt)})
	msg, err := c.receiveAuth(pgproto3.AuthTypeMD5Password)
	if err != nil {
		return err
	}
	pm, ok := msg.(*pgproto3.PasswordMessage)
	if !ok {
		return protocolViolation("a password message", msg)
	}
	// The stored digest is "md5" + md5(password + user); the client sends
	// "md5" + md5(that hex + salt).
	secrets, known := eng.Secrets(user)
	stored := secrets.MD5[user]
	if stored == "" {
		known = false
		stored = "md5" + hex.EncodeToString(salt) // compared anyway, so that timing says nothing
	}
	sum := md5.Sum(append([]byte(strings.TrimPrefix(stored, "md5")), salt...))
	want := "md5" + hex.EncodeToString(sum[:])
	if subtle.ConstantTimeCompare([]byte(want), []byte(pm.Password)) != 1 || !known {
		return eng.LoginFailed(user)
	}
	c.sess, err = eng.OpenVerified(context.Background(), user, role)
	return err
}

const scramMechanism = "SCRAM-SHA-256"

// authSCRAM runs SCRAM-SHA-256 as PostgreSQL does (without channel
// binding): AuthenticationSASL, the client-first message, the
// server-first message with the user's salt and iteration count, the
// client's proof, and the server's signature. The proof is checked against
// the StoredKey derived from the account's salted password, in constant
// time. An unknown user gets a made-up salt that stays the same for that
// name, so the exchange reveals nothing.
func (c *conn) authSCRAM(eng *sqlengine.Engine, user, role string) error {
	c.send(&pgproto3.AuthenticationSASL{AuthMechanisms: []string{scramMechanism}})
	msg, err := c.receiveAuth(pgproto3.AuthTypeSASL)
	if err != nil {
		return err
	}
	first, ok := msg.(*pgproto3.SASLInitialResponse)
	if !ok {
		return protocolViolation("a SASLInitialResponse", msg)
	}
	if first.AuthMechanism != scramMechanism {
		return &pgError{code: "28000", msg: "client selected an invalid SASL authentication mechanism"}
	}
	gs2, clientFirstBare, clientNonce, err := parseClientFirst(string(first.Data))
	if err != nil {
		return err
	}

	secrets, known := scramSecrets{}, false
	if s, ok := eng.Secrets(user); ok {
		secrets, known = scramSecrets{Salt: s.Salt, Iterations: s.Iterations, SaltedPassword: s.SaltedPassword}, true
	} else {
		secrets = c.mockSecrets(user)
	}
	nonce := make([]byte, 18)
	_, _ = rand.Read(nonce)
	fullNonce := clientNonce + base64.StdEncoding.EncodeToString(nonce)
	serverFirst := "r=" + fullNonce + ",s=" + base64.StdEncoding.EncodeToString(secrets.Salt) + ",i=" + strconv.Itoa(secrets.Iterations)
	c.send(&pgproto3.AuthenticationSASLContinue{Data: []byte(serverFirst)})

	msg, err = c.receiveAuth(pgproto3.AuthTypeSASLContinue)
	if err != nil {
		return err
	}
	final, ok := msg.(*pgproto3.SASLResponse)
	if !ok {
		return protocolViolation("a SASLResponse", msg)
	}
	withoutProof, proof, err := parseClientFinal(string(final.Data), gs2, fullNonce)
	if err != nil {
		return err
	}
	authMessage := clientFirstBare + "," + serverFirst + "," + withoutProof
	clientKey := hmacSHA256(secrets.SaltedPassword, "Client Key")
	storedKey := sha256.Sum256(clientKey)
	signature := hmacSHA256(storedKey[:], authMessage)
	if len(proof) != len(signature) {
		return eng.LoginFailed(user)
	}
	for i := range proof {
		proof[i] ^= signature[i] // now the ClientKey the client holds
	}
	presented := sha256.Sum256(proof)
	if subtle.ConstantTimeCompare(presented[:], storedKey[:]) != 1 || !known {
		return eng.LoginFailed(user)
	}
	c.sess, err = eng.OpenVerified(context.Background(), user, role)
	if err != nil {
		return err
	}
	serverKey := hmacSHA256(secrets.SaltedPassword, "Server Key")
	c.send(&pgproto3.AuthenticationSASLFinal{Data: []byte("v=" + base64.StdEncoding.EncodeToString(hmacSHA256(serverKey, authMessage)))})
	return nil
}

// scramSecrets is what SCRAM needs of a user's password.
type scramSecrets struct {
	Salt           []byte
	Iterations     int
	SaltedPassword []byte
}

// mockSecrets are an unknown user's stand-in secrets: a salt derived from
// the name and the server's random key, and a random key no proof meets.
func (c *conn) mockSecrets(user string) scramSecrets {
	salted := make([]byte, 32)
	_, _ = rand.Read(salted)
	return scramSecrets{Salt: hmacSHA256(c.srv.mockKey, user)[:16], Iterations: 4096, SaltedPassword: salted}
}

func hmacSHA256(key []byte, msg string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(msg))
	return h.Sum(nil)
}

// parseClientFirst reads "gs2-header client-first-bare", e.g.
// "n,,n=,r=NONCE". Channel binding ("p=") and an authorization identity
// are refused; 'y' (the client could bind but we did not offer it) is fine.
func parseClientFirst(s string) (gs2, bare, nonce string, err error) {
	bad := func(why string) (string, string, string, error) {
		return "", "", "", &pgError{code: "08P01", msg: "malformed SCRAM message: " + why}
	}
	parts := strings.SplitN(s, ",", 3)
	if len(parts) != 3 {
		return bad("client-first message too short")
	}
	switch {
	case parts[0] == "n" || parts[0] == "y":
	case strings.HasPrefix(parts[0], "p="):
		return bad("channel binding is not supported")
	default:
		return bad("invalid channel binding flag")
	}
	if parts[1] != "" {
		return bad("authorization identities are not supported")
	}
	gs2, bare = parts[0]+","+parts[1]+",", parts[2]
	for _, attr := range strings.Split(bare, ",") {
		if v, ok := strings.CutPrefix(attr, "r="); ok {
			nonce = v
		}
	}
	if nonce == "" || strings.ContainsAny(nonce, ", ") {
		return bad("missing or invalid nonce")
	}
	return gs2, bare, nonce, nil
}

// parseClientFinal reads "c=BASE64(gs2),r=NONCE[,...],p=PROOF" and checks
// the echoed header and nonce.
func parseClientFinal(s, gs2, nonce string) (withoutProof string, proof []byte, err error) {
	bad := func(why string) (string, []byte, error) {
		return "", nil, &pgError{code: "08P01", msg: "malformed SCRAM message: " + why}
	}
	i := strings.LastIndex(s, ",p=")
	if i < 0 {
		return bad("missing proof")
	}
	withoutProof = s[:i]
	proof, err = base64.StdEncoding.DecodeString(s[i+3:])
	if err != nil {
		return bad("invalid proof")
	}
	attrs := strings.Split(withoutProof, ",")
	if len(attrs) < 2 || attrs[0] != "c="+base64.StdEncoding.EncodeToString([]byte(gs2)) {
		return bad("unexpected channel binding")
	}
	if attrs[1] != "r="+nonce {
		return bad("nonce does not match")
	}
	return withoutProof, proof, nil
}
