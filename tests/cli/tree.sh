# SPDX-License-Identifier: ISC
# tree.sh - a host tree for the list/find tests (sourced): mk_tree DIR.
# mk_tree DIR: a host tree with system files, cron.d files cron reads and
# ignores, and spool files, with real owners and modes.
mk_tree() {
	R=$1
	mkdir -p "$R/etc/cron.d" "$R/var/spool/cron/crontabs"
	chmod 1730 "$R/var/spool/cron/crontabs"
	cat > "$R/etc/crontab" <<'TAB'
SHELL=/bin/sh
PATH=/usr/local/bin:/usr/bin:/bin
# m h dom mon dow user	command
17 *	* * *	root	cd / && run-parts --report /etc/cron.hourly
25 6	* * *	root	test -x /usr/sbin/anacron || run-parts /etc/cron.daily
TAB
	cat > "$R/etc/cron.d/backup" <<'TAB'
MAILTO=ops@example.com
# cronkeep: nightly
30 2 * * *	root	/usr/local/bin/backup --all
# cronkeep: weekly-off
#0 4 * * 0	backup	/usr/local/bin/backup --weekly
PATH=/opt/bin
#Ansible: rotate logs
15 3 * * *	www-data	/opt/bin/rotate # python comment
TAB
	printf '0 5 * * * root /bin/true\n' > "$R/etc/cron.d/backup.sh"
	printf '0 6 * * * root /bin/true\n' > "$R/etc/cron.d/groupw"
	chmod 664 "$R/etc/cron.d/groupw"
	printf '0 7 * * * root /bin/secret\n' > "$R/etc/cron.d/secret"
	chmod 600 "$R/etc/cron.d/secret"
	printf '' > "$R/etc/cron.d/.placeholder"
	printf '0 9 * * 1-5 echo "hello"\n0 0 * * * printf \033]0;pwned\007 && echo a-very-long-command-that-will-not-fit-on-a-narrow-terminal-at-all\n' \
	    > "$R/var/spool/cron/crontabs/alice"
	printf '@reboot /usr/bin/startup\n' > "$R/var/spool/cron/crontabs/bob"
	chmod 600 "$R/var/spool/cron/crontabs/alice" "$R/var/spool/cron/crontabs/bob"
	if [ "$(id -u)" -eq 0 ]; then
		chown -R 0:0 "$R/etc"
		chown 1:0 "$R/var/spool/cron/crontabs/alice"
		chown 2:0 "$R/var/spool/cron/crontabs/bob"
	fi
}
