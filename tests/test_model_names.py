"""Models are found by class name in relationships ("Recommendation.id"), so no two modules may
give a model the same name: the second would break every relationship naming the first."""
from collections import Counter

from casework.extensions import db


def test_every_model_class_name_is_unique(app):
    names = Counter(mapper.class_.__name__ for mapper in db.Model.registry.mappers)
    assert [name for name, count in names.items() if count > 1] == []
