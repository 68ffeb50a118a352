#!/usr/bin/python
# SPDX-License-Identifier: ISC
# -*- coding: utf-8 -*-
# cronkeep.cron.info: the host's cron inventory as facts.
from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: info
short_description: The host's cron jobs, as facts, from cronkeep
version_added: "0.1.0"
description:
  - Runs C(cronkeep inventory --json) on the managed host and returns the
    document as C(ansible_facts.cronkeep) - the host name, the cron
    flavour and dialect, every crontab (users' crontabs, C(/etc/crontab),
    C(/etc/cron.d)) and each job with its id, owner, source and line,
    schedule, zone, state, next fire times, lint findings and last
    recorded run.
  - The document is versioned (C(version)) and described by the JSON
    Schema C(docs/inventory.schema.json) of cronkeep.
  - Saved per host (for example with M(ansible.builtin.copy) and
    C(content="{{ ansible_facts.cronkeep | to_json }}")), the documents
    feed cronkeep's fleet view - C(cronkeep stats --inventory DIR)
    reports the jobs that start in the same minute across hosts, drift
    between hosts of a group, and duplicate commands.
requirements:
  - cronkeep on the managed host (in PATH, or given with I(executable)).
author:
  - cronkeep developers
options:
  root:
    description:
      - cronkeep's C(--root) - read the crontabs of a host image or a
        container's tree under this directory.
    type: path
  dialect:
    description:
      - The cron that runs the crontabs (default - the host's).
    type: str
  count:
    description:
      - How many next fire times each job lists.
    type: int
    default: 3
  group:
    description:
      - A host group name recorded in the document (C(group)), which the
        fleet view uses to compare hosts that should be alike.
    type: str
  executable:
    description:
      - The cronkeep program on the managed host (default - found in
        PATH).
    type: path
notes:
  - Reads only; check mode is supported.
seealso:
  - module: cronkeep.cron.job
'''

EXAMPLES = r'''
- name: Collect the cron inventory of every host and save it
  hosts: all
  tasks:
    - cronkeep.cron.info:
        group: "{{ group_names | first | default('ungrouped') }}"
    - ansible.builtin.copy:
        content: "{{ ansible_facts.cronkeep | to_json }}"
        dest: "inventories/{{ inventory_hostname }}.json"
      delegate_to: localhost

- name: Fail when a host has a cron job with an error
  cronkeep.cron.info:
  register: cron
  failed_when: cron.ansible_facts.cronkeep.summary.errors > 0
'''

RETURN = r'''
ansible_facts:
  description: Facts to add to ansible_facts.
  returned: always
  type: dict
  contains:
    cronkeep:
      description: The inventory document of C(cronkeep inventory --json).
      returned: always
      type: dict
      sample:
        version: 1
        host: web1
        flavour: debian
        dialect: debian
        crontabs: []
        jobs: []
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.cronkeep.cron.plugins.module_utils.cronkeep import (
    COMMON_ARGS, find_cronkeep, global_args, run)


def main():
    spec = dict(
        count=dict(type='int', default=3),
        group=dict(type='str'),
    )
    spec.update(COMMON_ARGS)
    module = AnsibleModule(argument_spec=spec, supports_check_mode=True)
    exe = find_cronkeep(module)
    argv = [exe] + global_args(module) + ['inventory', '--json',
                                          '--count',
                                          str(module.params['count'])]
    if module.params['group']:
        argv += ['--group', module.params['group']]
    rc, doc, out, err = run(module, argv)
    if doc is None:
        module.fail_json(msg='cronkeep inventory printed nothing')
    module.exit_json(changed=False, ansible_facts=dict(cronkeep=doc))


if __name__ == '__main__':
    main()
