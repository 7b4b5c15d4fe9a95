from django.urls import path

from xiezuo.plan import views

app_name = "plan"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("city/", views.city, name="city"),
    path("targets/<slug:key>/", views.target_detail, name="target_detail"),
    path("targets/<slug:key>/entries/new/", views.entry_create, name="entry_create"),
    path("entries/", views.entry_list, name="entry_list"),
    path("entries/pending/", views.pending_list, name="pending_list"),
    path("entries/<int:pk>/decide/", views.entry_decide, name="entry_decide"),
    path("entries/<int:pk>/evidence/", views.evidence, name="evidence"),
    path("assessment/<int:year>/", views.assessment, name="assessment"),
    path("assessment/<int:year>/comments/", views.comment_add, name="comment_add"),
    path("assessment/<int:year>/generate/", views.report_generate, name="report_generate"),
    path("assessment/<int:year>/finalise/", views.report_finalise, name="report_finalise"),
    path("drafts/<uuid:job_id>/", views.draft, name="draft"),
    path("drafts/<uuid:job_id>/<str:fmt>/", views.draft_download, name="draft_download"),
    path("reports/<int:pk>/<str:fmt>/", views.report_download, name="report_download"),
]
