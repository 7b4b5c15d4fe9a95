from django.urls import path

from xiezuo.registry import area_views, incidence_views, views

app_name = "registry"
urlpatterns = [
    path("", views.household_list, name="household_list"),
    path("persons/", views.person_list, name="person_list"),
    path("villages/", views.village_options, name="village_options"),
    path("households/<int:pk>/", views.household_detail, name="household_detail"),
    path("households/<int:pk>/edit/", views.household_edit_view, name="household_edit"),
    path("persons/<int:pk>/reveal/", views.person_reveal, name="person_reveal"),
    path("import/", views.import_upload, name="import"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("import/<str:token>/", views.import_preview, name="import_preview"),
    path("import/jobs/<uuid:job_id>/", views.import_result, name="import_result"),
    path("import/jobs/<uuid:job_id>/report/", views.import_result_report,
         name="import_result_report"),
    path("imports/", views.import_list, name="import_list"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("imports/<int:pk>/report/", views.import_download, {"what": "report"},
         name="import_report"),
    path("imports/<int:pk>/file/", views.import_download, {"what": "file"}, name="import_file"),
    path("export/", views.export, name="export"),
    path("export/<uuid:job_id>/download/", views.export_download, name="export_download"),
    path("population/", views.population_list, name="population_list"),
    path("population/import/", views.population_import, name="population_import"),
    path("population/import/<uuid:job_id>/", views.population_import_result,
         name="population_import_result"),
    path("population/import/<uuid:job_id>/report/", views.population_import_report,
         name="population_import_report"),
    path("incidence/", incidence_views.incidence, name="incidence"),
    path("areas/", area_views.village_list, name="village_list"),
    path("areas/new/", area_views.village_create, name="village_create"),
    path("areas/<str:code>/merge/", area_views.village_merge, name="village_merge"),
    path("areas/<str:code>/remove/", area_views.village_remove, name="village_remove"),
    path("population/template.xlsx", views.population_template, name="population_template"),
]
