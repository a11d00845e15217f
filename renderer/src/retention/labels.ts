/** Settings → Retention (administrator), in Vietnamese and English; spread into L. */
export const RETENTION_LABELS = {
  retention: ['Thời hạn lưu trữ', 'Retention period'],
  retentionScope: [
    'Hồ sơ đã kết thúc (đã trả kết quả, trả lại cơ quan, bị từ chối, đã huỷ…) và các mục nhật ký kiểm tra cũ hơn thời hạn này có thể được xoá. Hồ sơ chưa kết thúc không bao giờ bị xoá.',
    'Settled dossiers (delivered, returned to the agency, refused, voided…) and audit entries older than this period may be purged. A dossier not yet settled is never purged.',
  ],
  retentionSave: ['Lưu thời hạn', 'Save the period'],
  retentionSaved: ['Đã lưu thời hạn lưu trữ', 'Retention period saved'],
  retentionPreview: ['Xem trước', 'Preview'],
  retentionBefore: ['Ghi trước ngày', 'Recorded before'],
  retentionDossiers: ['Hồ sơ sẽ xoá', 'Dossiers to purge'],
  retentionYear: ['Năm tiếp nhận', 'Year taken in'],
  retentionOldestNewest: ['Cũ nhất – mới nhất', 'Oldest – newest'],
  retentionKeptOpen: ['Hồ sơ cũ chưa kết thúc (giữ lại)', 'Old dossiers not settled (kept)'],
  retentionEntries: ['Mục nhật ký sẽ xoá', 'Audit entries to purge'],
  retentionPurge: ['Xoá theo thời hạn', 'Purge'],
  retentionPurging: ['Đang xoá…', 'Purging…'],
  retentionConfirm: [
    'Xoá vĩnh viễn những hồ sơ và mục nhật ký trên? Không thể hoàn tác; hãy sao lưu trước.',
    'Permanently purge the dossiers and audit entries above? This cannot be undone; make a backup first.',
  ],
  retentionNothing: ['Không có gì cần xoá.', 'Nothing to purge.'],
} as const;
