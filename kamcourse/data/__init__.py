"""The fictional company's CRM data (模拟企业的客户关系管理数据).

A B2B supplier of hydraulic and industrial components (液压及工业零部件供应商)
selling to manufacturers and distributors in China: five years of customers,
staff, contacts, opportunities, order lines, cost to serve, service requests,
satisfaction and Kano surveys and prospects, ending on :data:`END_DATE`.
All names and phone numbers are invented. ``datasets/README.md`` is the
datasheet: every column, how it was made, which lesson uses it.

>>> from kamcourse import data
>>> data.names()[:2]
['customers', 'staff']
>>> len(data.load("customers"))
300
"""

from __future__ import annotations

from .cdnow import load_cdnow
from .database import crm, crm_path
from .generator import DEFAULT_SEED, END_DATE, KANO_FEATURES, STAGE_RULES, generate
from .loaders import answer_names, data_folder, load, load_answers, names, write_datasets
from .variants import StudentData, for_student, my_data, seed_for, set_student, student_id

__all__ = [
    "DEFAULT_SEED",
    "END_DATE",
    "STAGE_RULES",
    "KANO_FEATURES",
    "names",
    "answer_names",
    "load",
    "load_answers",
    "generate",
    "write_datasets",
    "data_folder",
    "crm",
    "crm_path",
    "load_cdnow",
    "for_student",
    "my_data",
    "student_id",
    "set_student",
    "seed_for",
    "StudentData",
]
