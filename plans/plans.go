// Package plans holds the plan files that ship with chitieu.
package plans

import _ "embed"

// Example is the Tây Hồ district plan for the 2020–2025 term, the plan
// `chitieu try` runs on.
//
//go:embed tayho-2020-2025.yaml
var Example []byte

// ExampleName is the example plan's file name inside this folder.
const ExampleName = "tayho-2020-2025.yaml"

// NextTermName is a second example plan in this folder, for the
// 2025–2030 term (its years 2026–2030): a test fixture whose targets are
// examples, not a resolution's. It is not embedded in the binary.
const NextTermName = "tayho-2025-2030.yaml"
