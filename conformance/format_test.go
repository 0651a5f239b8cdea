package conformance_test

import (
	"errors"
	"math"
	"math/big"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/frostgate/frostgate/conformance"
)

func TestFormatValue(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"nil", nil, "NULL"},
		{"empty string", "", "(empty)"},
		{"empty bytes", []byte{}, "(empty)"},
		{"string", "USAGE", "USAGE"},
		{"string NULL stays", "NULL", "NULL"},
		{"bytes as text", []byte("abc"), "abc"},
		{"tab and newline escaped", "a\tb\nc\r", `a\tb\nc\r`},
		{"true", true, "true"},
		{"false", false, "false"},
		{"int", 42, "42"},
		{"int8", int8(-8), "-8"},
		{"int16", int16(16), "16"},
		{"int32", int32(-32), "-32"},
		{"int64", int64(math.MinInt64), "-9223372036854775808"},
		{"uint", uint(7), "7"},
		{"uint8", uint8(255), "255"},
		{"uint16", uint16(16), "16"},
		{"uint32", uint32(32), "32"},
		{"uint64", uint64(math.MaxUint64), "18446744073709551615"},
		{"integral float", 3.0, "3"},
		{"zero float", 0.0, "0"},
		{"negative float", -1.5, "-1.5"},
		{"shortest float", 0.1, "0.1"},
		{"float32 shortest", float32(0.1), "0.1"},
		{"large float", 1e20, "100000000000000000000"},
		{"huge float", 1e21, "1e+21"},
		{"small float", 1e-7, "0.0000001"},
		{"tiny float", 1e-8, "1e-08"},
		{"NaN", math.NaN(), "NaN"},
		{"inf", math.Inf(1), "inf"},
		{"-inf", math.Inf(-1), "-inf"},
		{"time", time.Date(2024, 1, 2, 3, 4, 5, 6e6, time.FixedZone("", 5*3600+30*60)), "2024-01-02 03:04:05.006 +0530"},
		{"time UTC", time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), "2024-01-02 03:04:05.000 +0000"},
		{"stringer", big.NewInt(12345), "12345"},
		{"other", errors.New("x\ty"), `x\ty`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, conformance.FormatValue(tt.v))
		})
	}
}
