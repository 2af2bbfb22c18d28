# Allo Quartiers asks first where the respondent lives now: the screen-out quota counts them by
# the neighbourhood they say (quartier_res), never by the sampled one (quartier, left as it is).
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
export ALLO_NOW=2026-11-30T09:00:00Z
q() { sqlite3 d.db "$1"; }
"$ALLO" init --test d.db "$TOP/questionnaire/allo-quartiers.yaml" >/dev/null
"$ALLO" sample import d.db "$TOP/questionnaire/sample-demo.csv" >/dev/null
"$ALLO" user add d.db "$(id -un)" --role interviewer >/dev/null
"$ALLO" user add d.db chef --role supervisor >/dev/null
# The cell Saint-Jacques Nord × homme × 30-44 ans is closed.
expect_status close-cell 0 "$ALLO" quota d.db close quota_quartier_sexe_age 6,1,2 --as chef
in1=$(q "SELECT id FROM cases WHERE json_extract(frame, '\$.quartier') = 1 ORDER BY id LIMIT 1")
in6=$(q "SELECT id FROM cases WHERE json_extract(frame, '\$.quartier') = 6 ORDER BY id LIMIT 1")
# Sampled in Champratel, living in Saint-Jacques Nord: asked the street, screened out by the cell.
printf 'start %s\nanswer\nanswer 1\nanswer 1\nanswer 2\nanswer 6\nanswer 2\nanswer 40\nanswer 1\nquit\n' "$in1" |
	"$ALLO" drive d.db >moved.out 2>&1
expect_grep moved-street-asked '"id":"acc_rue_qpv"' moved.out
expect_grep moved-screened '"done":"screened_out","outcome":"quota_full"' moved.out
expect_eq moved-frame-kept "$(q "SELECT json_extract(frame, '\$.quartier') FROM cases WHERE id = '$in1'")" 1
# Sampled in Saint-Jacques Nord, living in Champratel now: not in the closed cell, goes on.
printf 'start %s\nanswer\nanswer 1\nanswer 1\nanswer 2\nanswer 1\nanswer 40\nanswer 1\nquit\n' "$in6" |
	"$ALLO" drive d.db >stayed.out 2>&1
expect_grep stayed-goes-on '"id":"acc_tel_type"' stayed.out
expect_eq stayed-no-street "$(grep -c '"id":"acc_rue_qpv"' stayed.out)" 0
