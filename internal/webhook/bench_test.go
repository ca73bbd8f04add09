package webhook

import (
	"os"
	"testing"
)

func BenchmarkParseAlertmanager(b *testing.B) {
	body, err := os.ReadFile("testdata/alertmanager_firing.json")
	if err != nil {
		b.Skip(err)
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseAlertmanager(body); err != nil {
			b.Fatal(err)
		}
	}
}
