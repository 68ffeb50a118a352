#!/bin/sh
# SPDX-License-Identifier: ISC
# The Ansible collection cronkeep.cron (src/ansible) driven by Debian's
# ansible-core: real playbooks against an inventory of three hosts, two
# local ones (ansible_connection=local) and one reached over SSH on
# 127.0.0.1 through an sshd this script starts on a free port with its own
# host key and authorized key, and stops.  Each host has its own --root
# tree.  Everything Ansible writes stays in the temporary directory.
. "$(dirname "$0")/lib.sh"

command -v ansible-playbook >/dev/null 2>&1 ||
	skip "ansible-playbook is not installed (apt-get install ansible-core)"
[ -x /usr/sbin/sshd ] ||
	skip "sshd is not installed (apt-get install openssh-server)"
[ "$(id -u)" -eq 0 ] || skip "the SSH host logs in as root: run as root"
: "${CK_SRC:?CK_SRC must name the source tree}"

T=$T_TMP
mkdir -p "$T/coll/ansible_collections/cronkeep" "$T/home" "$T/ltmp" \
    "$T/rtmp" "$T/cp" "$T/ssh" "$T/bin"
ln -s "$CK_SRC/src/ansible" "$T/coll/ansible_collections/cronkeep/cron"
# cronkeep as the modules find it on the managed hosts: in PATH.
ln -s "$CRONKEEP" "$T/bin/cronkeep"

# ---- sshd on 127.0.0.1 ----
SSHD_PID=
trap '[ -n "$SSHD_PID" ] && kill "$SSHD_PID" 2>/dev/null; rm -rf "$T_TMP"' EXIT
ssh-keygen -q -t ed25519 -N '' -f "$T/ssh/host_key" </dev/null
ssh-keygen -q -t ed25519 -N '' -f "$T/ssh/id" </dev/null
cp "$T/ssh/id.pub" "$T/ssh/authorized_keys"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$T/ssh/sshd_config" <<EOF
Port $PORT
ListenAddress 127.0.0.1
HostKey $T/ssh/host_key
PidFile $T/ssh/sshd.pid
AuthorizedKeysFile $T/ssh/authorized_keys
StrictModes no
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
SetEnv PATH=$T/bin:/usr/bin:/bin:/usr/sbin:/sbin
Subsystem sftp internal-sftp
EOF
# sshd wants its privilege separation directory.
[ -d /run/sshd ] || mkdir -p -m 0755 /run/sshd
/usr/sbin/sshd -D -e -f "$T/ssh/sshd_config" 2>"$T/ssh/log" &
SSHD_PID=$!
i=0
until python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' "$PORT" 2>/dev/null; do
	i=$((i + 1))
	if [ $i -gt 100 ] || ! kill -0 "$SSHD_PID" 2>/dev/null; then
		cat "$T/ssh/log" >&2
		fail "sshd did not start"
		finish
		exit 1
	fi
	sleep 0.1
done

# ---- the host trees and the inventory ----
for h in h1 h2 h3; do
	mkdir -p "$T/$h/etc/cron.d" "$T/$h/var/spool/cron/crontabs"
done
# ansible.builtin.cron wrote this job on h1 and h3: it is adopted.
printf '#Ansible: rotate\n0 0 * * * /usr/sbin/logrotate /etc/lr.conf\n' \
    > "$T/h1/var/spool/cron/crontabs/alice"
cp "$T/h1/var/spool/cron/crontabs/alice" "$T/h3/var/spool/cron/crontabs/alice"
cat > "$T/hosts.ini" <<EOF
[web]
h1 ansible_connection=local ck_root=$T/h1
h2 ansible_connection=local ck_root=$T/h2
h3 ansible_host=127.0.0.1 ansible_port=$PORT ansible_user=root ck_root=$T/h3 ansible_ssh_private_key_file=$T/ssh/id ansible_ssh_common_args='-F /dev/null -o UserKnownHostsFile=$T/ssh/known_hosts -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=no'

[web:vars]
ansible_python_interpreter=/usr/bin/python3
EOF
: > "$T/ansible.cfg"
# Ansible refuses to start unless the locale is UTF-8.
export LC_ALL=C.UTF-8 LANG=C.UTF-8
export ANSIBLE_CONFIG="$T/ansible.cfg" ANSIBLE_HOME="$T/home" \
    ANSIBLE_LOCAL_TEMP="$T/ltmp" ANSIBLE_REMOTE_TEMP="$T/rtmp" \
    ANSIBLE_COLLECTIONS_PATH="$T/coll" ANSIBLE_SSH_CONTROL_PATH_DIR="$T/cp" \
    ANSIBLE_HOST_KEY_CHECKING=False ANSIBLE_RETRY_FILES_ENABLED=False \
    ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0 ANSIBLE_GATHERING=explicit \
    ANSIBLE_DEPRECATION_WARNINGS=False ANSIBLE_SYSTEM_WARNINGS=False \
    ANSIBLE_LOCALHOST_WARNING=False ANSIBLE_FORKS=3 \
    ANSIBLE_SSH_PIPELINING=True ANSIBLE_PIPELINING=True
PATH="$T/bin:$PATH"
export PATH

# A playbook of the jobs with the values of vars/NAME.yml.
cat > "$T/site.yml" <<'EOF'
- hosts: web
  module_defaults:
    cronkeep.cron.job:
      root: "{{ ck_root }}"
      dialect: debian
  tasks:
    - name: backup in /etc/cron.d/backup
      cronkeep.cron.job:
        id: backup
        schedule: "{{ backup_schedule }}"
        command: "{{ backup_command }}"
        cron_file: backup
        user: root
        env:
          MAILTO: ops@example.com
    - name: report in alice's crontab
      cronkeep.cron.job:
        id: report
        when: every weekday at 18:30
        command: /usr/local/bin/report
        user: alice
        state: "{{ report_state }}"
    - name: rotate, adopted from ansible.builtin.cron
      cronkeep.cron.job:
        id: rotate
        schedule: "@daily"
        command: /usr/sbin/logrotate /etc/lr.conf
        user: alice
    - name: a plain crontab file
      cronkeep.cron.job:
        id: sweep
        schedule: "*/10 * * * *"
        command: /usr/bin/find /tmp -mtime +7 -delete
        path: "{{ ck_root }}/plain.cron"
        state: "{{ sweep_state }}"
EOF
cat > "$T/v1.yml" <<'EOF'
backup_schedule: "30 2 * * *"
backup_command: /usr/local/bin/backup --quiet
report_state: present
sweep_state: present
EOF
# v2: a new schedule, a new command under the same id, report disabled,
# sweep removed.
cat > "$T/v2.yml" <<'EOF'
backup_schedule: "45 3 * * *"
backup_command: /usr/local/bin/backup2 --quiet
report_state: disabled
sweep_state: absent
EOF

PLAY=$T/play.out
# play VARS [ansible-playbook options...]
play() {
	_v=$1
	shift
	RC=0
	ansible-playbook -i "$T/hosts.ini" -e "@$T/$_v" "$@" "$T/site.yml" \
	    >"$PLAY" 2>&1 || RC=$?
	cp "$PLAY" "$OUT"
	: > "$ERR"
}
# recap HOST: "ok=N changed=N ..." of HOST
recap() {
	grep -E "^$1 +:" "$PLAY" | sed 's/^[^:]*: *//'
}
expect_recap() {
	for _h in h1 h2 h3; do
		if recap "$_h" | grep -Eq "$1"; then ok; else
			fail "$2: $_h: $(recap "$_h"), expected /$1/"; fi
	done
}
snapshot() {
	(cd "$T" && find h1 h2 h3 -type f | sort | xargs cat) > "$T/$1"
}

# ---- check mode with diff: changes nothing, shows the change ----
snapshot before
play v1.yml --check --diff
expect_rc 0 "check mode runs"
expect_recap 'changed=4 .*failed=0' "check mode reports 4 changes per host"
expect_out_has '^\+30 2 \* \* \* root MAILTO=.*/usr/local/bin/backup --quiet' \
    "diff mode shows the new line"
expect_out_has '^-0 0 \* \* \* /usr/sbin/logrotate' "the adopted job's diff"
snapshot after
if cmp -s "$T/before" "$T/after" && [ ! -e "$T/h1/etc/cron.d/backup" ]; then
	ok; else fail "check mode changed files"; fi

# ---- create (and adopt), then the second run is all ok ----
play v1.yml
expect_rc 0 "first run"
expect_recap 'changed=4 .*failed=0' "first run changes 4 jobs per host"
for h in h1 h3; do
	run --root "$T/$h" -u alice list --json
	expect_json '[(j["id"], j["schedule"]) for j in d["jobs"]] == [("rotate", "@daily"), ("report", "30 18 * * 1-5")]' \
	    "$h: rotate adopted (one job, not two), report created"
done
run --root "$T/h2" --cron-d backup list --json
expect_json 'len(d["jobs"]) == 1 and d["jobs"][0]["user"] == "root" and d["jobs"][0]["schedule"] == "30 2 * * *" and d["jobs"][0]["command"].endswith("/usr/local/bin/backup --quiet")' \
    "h2: the cron.d job with its user column"
run -f "$T/h3/plain.cron" find --id sweep --json
expect_json 'd["jobs"][0]["schedule"] == "*/10 * * * *"' "h3 (ssh): the plain file"
play v1.yml
expect_rc 0 "second run"
expect_recap 'ok=4 +changed=0 .*failed=0' "second run: all ok, changed=0"

# ---- update, new command under the same id, disable, remove ----
play v2.yml --diff
expect_rc 0 "v2 run"
expect_recap 'changed=3 .*failed=0' "v2: 3 changes per host"
expect_out_has '^\+45 3 \* \* \* root MAILTO=.*backup2 --quiet' "v2 diff"
for h in h1 h2 h3; do
	run --root "$T/$h" --cron-d backup list --json
	expect_json '[(j["id"], j["schedule"]) for j in d["jobs"]] == [("backup", "45 3 * * *")] and "backup2" in d["jobs"][0]["command"]' \
	    "$h: backup updated in place, no duplicate"
	run --root "$T/$h" -u alice find --id report --json
	expect_json 'd["jobs"][0]["enabled"] is False' "$h: report disabled"
	run -f "$T/$h/plain.cron" find --id sweep
	expect_rc 66 "$h: sweep removed"
done
play v2.yml
expect_recap 'ok=4 +changed=0 .*failed=0' "v2 again: all ok"

# ---- lint: errors fail, warnings come back; cronkeep missing ----
cat > "$T/lint.yml" <<'EOF'
- hosts: h1
  tasks:
    - cronkeep.cron.job:
        id: never
        schedule: "0 0 30 2 *"
        command: /bin/true
        path: "{{ ck_root }}/lint.cron"
      register: never
      ignore_errors: true
    - cronkeep.cron.job:
        id: ignored
        schedule: "0 0 * * 1#2"
        command: /bin/true
        path: "{{ ck_root }}/lint.cron"
        dialect: debian
      register: warned
    - cronkeep.cron.job:
        id: strict
        schedule: "0 0 * * 1#2"
        command: /bin/true
        path: "{{ ck_root }}/lint.cron"
        dialect: debian
        strict: true
      register: strict
      ignore_errors: true
    - cronkeep.cron.job:
        id: x
        schedule: "@daily"
        command: /bin/true
        path: "{{ ck_root }}/lint.cron"
        executable: /nonexistent/cronkeep
      register: missing
      ignore_errors: true
    - ansible.builtin.assert:
        that:
          - never is failed
          - "'never fires' in never.msg"
          - warned is changed
          - warned.warnings | length == 1
          - "'CK021' in warned.warnings[0]"
          - strict is failed
          - missing is failed
          - "'cronkeep not found' in missing.msg"
EOF
RC=0
ansible-playbook -i "$T/hosts.ini" "$T/lint.yml" >"$OUT" 2>&1 || RC=$?
expect_rc 0 "lint: errors fail, warnings are warnings, strict fails"
run -f "$T/h1/lint.cron" list --json
expect_json '[j["id"] for j in d["jobs"]] == ["ignored"]' \
    "only the job with a warning was written"

# ---- info: each host's inventory as facts, saved for the fleet view ----
mkdir -p "$T/inv"
cat > "$T/info.yml" <<EOF
- hosts: web
  tasks:
    - cronkeep.cron.info:
        root: "{{ ck_root }}"
        dialect: debian
        group: web
    - ansible.builtin.assert:
        that:
          - ansible_facts.cronkeep.format == "cronkeep-inventory"
          - ansible_facts.cronkeep.group == "web"
          - ansible_facts.cronkeep.jobs | selectattr("id", "equalto", "backup") | list | length == 1
    - ansible.builtin.copy:
        content: "{{ ansible_facts.cronkeep | to_json }}"
        dest: "$T/inv/{{ inventory_hostname }}.json"
      delegate_to: localhost
EOF
RC=0
ansible-playbook -i "$T/hosts.ini" "$T/info.yml" >"$OUT" 2>&1 || RC=$?
expect_rc 0 "info returns the inventory as facts"
for h in h1 h2 h3; do
	if python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); sys.exit(0 if d["root"].endswith("/" + sys.argv[2]) else 1)' \
	    "$T/inv/$h.json" "$h" 2>/dev/null; then ok; else
		fail "$h: the saved inventory is not $h's"; fi
done

# ---- H: each host its own stable time, as the CLI resolves it ----
cat > "$T/hashed.yml" <<'EOF'
- hosts: web
  tasks:
    - cronkeep.cron.job:
        id: nightly
        schedule: "H H(1-4) * * *"
        command: /usr/local/bin/nightly
        path: "{{ ck_root }}/hashed.cron"
        hash_host: "{{ inventory_hostname }}"
        dialect: debian
    - cronkeep.cron.job:
        id: quarter
        schedule: "H/15 * * * *"
        command: /usr/local/bin/quarter
        path: "{{ ck_root }}/hashed.cron"
        seed: fleet-wide
        dialect: debian
EOF
hashed() {
	RC=0
	ansible-playbook -i "$T/hosts.ini" "$T/hashed.yml" >"$PLAY" 2>&1 ||
	    RC=$?
	cp "$PLAY" "$OUT"
	: > "$ERR"
}
hashed
expect_rc 0 "H schedules written"
expect_recap 'changed=2 .*failed=0' "H: two jobs created per host"
hashed
expect_rc 0 "H schedules again"
expect_recap 'ok=2 +changed=0 .*failed=0' "H: the second run is all ok"
seen=
for h in h1 h2 h3; do
	# The CLI given the same host name resolves to the same line.
	rm -f "$T/want.cron"
	"$CRONKEEP" -f "$T/want.cron" set --id nightly --host "$h" \
	    'H H(1-4) * * *' -- /usr/local/bin/nightly >/dev/null 2>&1
	want=$("$CRONKEEP" -f "$T/want.cron" find --id nightly --json |
	    python3 -c 'import json,sys; print(json.load(sys.stdin)["jobs"][0]["schedule"])')
	run -f "$T/$h/hashed.cron" list --json
	expect_json "[j['schedule'] for j in d['jobs'] if j['id'] == 'nightly'] == ['$want']" \
	    "$h: nightly at the CLI's time for host $h ($want)"
	expect_json "(lambda m: len(m) == 4 and all(x.isdigit() for x in m) and [int(x) % 15 for x in m] == [int(m[0])] * 4)([j['schedule'] for j in d['jobs'] if j['id'] == 'quarter'][0].split()[0].split(','))" \
	    "$h: H/15 is four concrete minutes 15 apart"
	case " $seen " in
	*" $want "*) fail "$h: the same time as another host ($want)" ;;
	*) ok ;;
	esac
	seen="$seen $want"
	case "$want" in *H*) fail "$h: H left in the written line" ;;
	*) ok ;; esac
done
q1=$(grep -v '^#' "$T/h1/hashed.cron" | grep quarter)
for h in h2 h3; do
	if [ "$(grep -v '^#' "$T/$h/hashed.cron" | grep quarter)" = "$q1" ]
	then ok; else fail "$h: the same seed gave another time"; fi
done

# ---- ansible-doc shows both modules ----
RC=0
ansible-doc cronkeep.cron.job >"$OUT" 2>"$ERR" || RC=$?
expect_rc 0 "ansible-doc cronkeep.cron.job"
expect_out_has 'CRONKEEP.CRON.JOB' "job's documentation"
expect_out_has 'cron_file' "job's options"
RC=0
ansible-doc cronkeep.cron.info >"$OUT" 2>"$ERR" || RC=$?
expect_rc 0 "ansible-doc cronkeep.cron.info"
expect_out_has 'ansible_facts.cronkeep' "info's documentation"

finish
