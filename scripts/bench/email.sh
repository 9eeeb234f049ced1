#!/usr/bin/env bash
# Personalised e-mails delivered to a local SMTP server: COUNT customers (default 20,000) with an
# e-mail consent, one campaign whose subject, HTML and text parts name each customer, planned by
# `rapport campaign run`, then `rapport campaign send` (rendering into the outbox, then sending
# over 8 SMTP sessions, each message recorded before its final dot) against Postfix's smtp-sink.
# The reference is Python's smtplib sending the same number of personalised messages to the same
# server over 8 threads, in the same run. Release build.
#
#   scripts/bench/email.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
. scripts/bench/common.sh
count=${1:-20000}
data=${BENCH_DIR:-$root/.bench-data}/email-$count
rm -rf "$data"
mkdir -p "$data"

command -v smtp-sink >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postfix >/dev/null
bench_python numpy
bench_build

port=$((30000 + RANDOM % 5000))
smtp-sink -u nobody "127.0.0.1:$port" 4096 &
sink=$!
trap 'kill $sink 2>/dev/null || true' EXIT
sleep 0.5

"$python" - "$data" "$count" <<'PY'
import sys
directory, count = sys.argv[1], int(sys.argv[2])
names = ["Camille", "Léa", "Hugo", "Zoé", "Louis", "Chloé", "Jules", "Inès"]
with open(f"{directory}/customers.csv", "w") as customers, open(f"{directory}/consents.csv", "w") as consents:
    customers.write("customer_id,kind,first_name,last_name,email,city,country\n")
    consents.write("customer_id,channel,status,at\n")
    for i in range(count):
        customers.write(f"B{i},customer,{names[i % 8]},Durand{i},b{i}@example.com,Lyon,FR\n")
        consents.write(f"B{i},email,granted,2026-01-01\n")
PY
cat > "$data/campaign.json" <<JSON
{"name": "Bench", "target": "kind = \"customer\"", "at": "2026-12-07T09:00:00Z", "holdout": 0,
 "content": {"from": "Shop <shop@example.com>", "subject": "{{first_name}}, your offer in {{city}}",
   "html": "<p>Hello {{first_name}} {{last_name}},</p><p>Our shop in {{city}} has something for you.</p>",
   "text": "Hello {{first_name}} {{last_name}},\n\nOur shop in {{city}} has something for you."}}
JSON
echo "{\"host\": \"127.0.0.1\", \"port\": $port, \"security\": \"none\", \"from\": \"shop@example.com\", \"connections\": 8}" > "$data/smtp.json"
db=$data/bench.sqlite
"$rapport" import customers "$data/customers.csv" --database "$db" >/dev/null
"$rapport" import consents "$data/consents.csv" --database "$db" >/dev/null
"$rapport" campaign create "$data/campaign.json" --schedule --database "$db" >/dev/null
"$rapport" channel set email "$data/smtp.json" --database "$db" >/dev/null
"$rapport" campaign run --at 2026-12-07T09:00:00Z --database "$db"

echo "== rapport campaign send ($count messages)"
start=$(now)
"$rapport" campaign send --at 2026-12-07T09:00:00Z --database "$db"
rapport_seconds=$(seconds "$start" "$(now)")
rapport_rate=$(div "$count" "$rapport_seconds")
echo "rapport: $rapport_seconds s in all (rendering, outbox, sending), $rapport_rate e-mails/s"

echo "== reference: Python smtplib, 8 threads, the same messages"
reference_rate=$("$python" - "$port" "$count" <<'PY'
import smtplib, sys, threading, time
from email.message import EmailMessage
port, count = int(sys.argv[1]), int(sys.argv[2])
names = ["Camille", "Léa", "Hugo", "Zoé", "Louis", "Chloé", "Jules", "Inès"]
def work(lane):
    s = smtplib.SMTP("127.0.0.1", port)
    for i in range(lane, count, 8):
        m = EmailMessage()
        m["From"], m["To"] = "Shop <shop@example.com>", f"b{i}@example.com"
        m["Subject"] = f"{names[i % 8]}, your offer in Lyon"
        m.set_content(f"Hello {names[i % 8]} Durand{i},\n\nOur shop in Lyon has something for you.")
        m.add_alternative(f"<p>Hello {names[i % 8]} Durand{i},</p><p>Our shop in Lyon has something for you.</p>", subtype="html")
        s.send_message(m)
    s.quit()
start = time.perf_counter()
threads = [threading.Thread(target=work, args=(lane,)) for lane in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print(count / (time.perf_counter() - start))
PY
)
echo "reference: $reference_rate e-mails/s"
echo "ratio rapport / smtplib: $(div "$rapport_rate" "$reference_rate")"
