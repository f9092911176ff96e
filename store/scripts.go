package store

// readFigures reads a bounded piece of the figures of many indexes dated
// from ARGV[1] to ARGV[2]; its keys and arguments are in
// lua/read_figures.lua.
var readFigures = script("read_figures.lua")

// recentFigures reads the latest ARGV[1] figures of a reporter, newest
// first; its keys and arguments are in lua/recent_figures.lua.
var recentFigures = script("recent_figures.lua")

// codesPiece is the COUNT of figureCodes' HSCAN: about this many figures a
// call, about a millisecond of decoding. (A hash small enough to be kept as
// a list is scanned whole in one call.)
const codesPiece = 250

// figureCodes counts the figures of each indicator code in a piece of the
// figures hash; its keys and arguments are in lua/figure_codes.lua.
var figureCodes = script("figure_codes.lua")

// unarchive removes a code from the archive and logs it, when it is there;
// its keys and arguments are in lua/unarchive.lua.
var unarchive = script("unarchive.lua")

// applyPlan makes a plan version current unless the current one has the same
// hash; its keys and arguments are in lua/apply_plan.lua.
var applyPlan = script("apply_plan.lua")
