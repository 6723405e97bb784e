"""The simulation of the fictional company (模拟企业): one seeded run makes every table's raw material.

- :mod:`~kamcourse.data.simulate.catalog`: the numbers and names drawn from;
- :mod:`~kamcourse.data.simulate.world`: the random generator and the calendar;
- :mod:`~kamcourse.data.simulate.customers`: the customer plan (stages, sizes, time lines);
- :mod:`~kamcourse.data.simulate.orders`, :mod:`~kamcourse.data.simulate.staff`,
  :mod:`~kamcourse.data.simulate.contacts`, :mod:`~kamcourse.data.simulate.service`,
  :mod:`~kamcourse.data.simulate.pipeline`, :mod:`~kamcourse.data.simulate.surveys`:
  one step each;
- :mod:`~kamcourse.data.simulate.company`: :func:`simulate`, all steps in their fixed order.

>>> from kamcourse.data.simulate import simulate
>>> len(simulate(3, 30, 2).plan)
30
"""

from .company import Company, simulate

__all__ = ["Company", "simulate"]
