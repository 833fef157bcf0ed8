"""What every kind of fieldwork inside an inspection shares on the web (a crime data integrity audit,
a case-file review, and the next kind): finding it for a user, its working material, its offline
sheet out and back in, and its results recorded as evidence. Each kind is an app of its own that
describes itself with a ``Fieldwork`` and uses these views' pieces."""
