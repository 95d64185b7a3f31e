"""Files a record names, and the earlier versions simple-history keeps of it: found, and
removed from storage once the change commits (a rollback keeps them). Used wherever
personal data goes — a replaced upload, the nightly disposal, an erasure (issue 13: "Files
go from storage too, not only their rows")."""

from django.db import transaction


def history_model(model):
    """simple-history's model of ``model``'s earlier versions, or None."""
    attribute = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, attribute).model if attribute else None


def files_of(model, rows, field_names) -> set:
    """(storage, name) of each file the rows name, and of every earlier version of it."""
    files = set()
    history = history_model(model)
    pks = [row.pk for row in rows]
    for name in field_names:
        storage = model._meta.get_field(name).storage
        names = {getattr(row, name).name for row in rows}
        if history is not None and any(f.name == name for f in history._meta.fields):
            names |= set(history.objects.filter(**{f"{model._meta.pk.attname}__in": pks}).values_list(name, flat=True))
        files |= {(storage, file_name) for file_name in names if file_name}
    return files


def forget_history(model, pks) -> None:
    """A record's earlier versions carry the same personal data: they go with it."""
    history = history_model(model)
    if history is not None and pks:
        history.objects.filter(**{f"{model._meta.pk.attname}__in": pks}).delete()


def remove_after_commit(files) -> None:
    """Delete ``files`` ((storage, name) pairs) from storage once the transaction commits."""
    files = set(files)
    if files:
        transaction.on_commit(lambda: _remove(files))


def _remove(files) -> None:
    for storage, name in files:
        storage.delete(name)  # a file already gone is no error (FileSystemStorage.delete)
