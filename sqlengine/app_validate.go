package sqlengine

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"

	"github.com/frostgate/frostgate/nativeapp"
	"github.com/frostgate/frostgate/sferr"
)

// ValidateSetupProcedure is the system procedure snowflake-cli calls before
// `snow app run` / `deploy` install anything (application_package.py,
// validate_setup_script): CALL SYSTEM$VALIDATE_NATIVE_APP_SETUP('<path>').
// As for USING, a folder on disk stands in for the stage; Frostgate checks
// what ADD VERSION checks (the manifest, and the setup script's grammar).
const ValidateSetupProcedure = "SYSTEM$VALIDATE_NATIVE_APP_SETUP"

// validationIssue is one entry of the answer's errors list, in the fields
// the snowflake-cli validation documentation lists (message, fileName,
// line; cause, errorCode and column are not known here).
type validationIssue struct {
	Message  string `json:"message"`
	FileName string `json:"fileName,omitempty"`
	Line     int    `json:"line,omitempty"`
}

// validateNativeAppSetup answers CALL SYSTEM$VALIDATE_NATIVE_APP_SETUP with
// one row: {"status": "SUCCESS" | "FAIL", "errors": [...], "warnings": []}
// ("FAIL" is what snowflake-cli tests for).
func (s *Session) validateNativeAppSetup(args []any) (*Result, error) {
	path, ok := "", len(args) == 1
	if ok {
		path, ok = args[0].(string)
	}
	if !ok || strings.TrimSpace(path) == "" {
		return nil, sferr.InvalidArgument(ValidateSetupProcedure + " takes the path of an application folder")
	}
	if strings.HasPrefix(path, "@") {
		return nil, sferr.ExecutionError(ValidateSetupProcedure + ": stages are not emulated; name the application folder on disk ('" + path + "')")
	}
	answer := struct {
		Status   string            `json:"status"`
		Errors   []validationIssue `json:"errors"`
		Warnings []validationIssue `json:"warnings"`
	}{Status: "SUCCESS", Errors: []validationIssue{}, Warnings: []validationIssue{}}
	if _, ferr := s.readAppFolder(path); ferr != nil {
		issue := validationIssue{Message: ferr.Error()}
		var ne *nativeapp.Error
		if errors.As(ferr, &ne) {
			// fileName is relative to the stage's root: here the folder's.
			dir := path
			if s.eng.appRoot != "" && !filepath.IsAbs(dir) {
				dir = filepath.Join(s.eng.appRoot, dir)
			}
			name := ne.File
			if rel, err := filepath.Rel(dir, ne.File); err == nil {
				name = filepath.ToSlash(rel)
			}
			issue = validationIssue{Message: ne.Msg, FileName: name, Line: ne.Line}
		}
		answer.Status, answer.Errors = "FAIL", []validationIssue{issue}
	}
	body, _ := json.Marshal(answer)
	return rowsResult(textCols(ValidateSetupProcedure), [][]any{{string(body)}}), nil
}
