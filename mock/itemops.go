package mock

import (
	"bytes"
	"context"
	"reflect"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// moveItem puts it in folder dest under a new id, as Exchange does for a
// move: the old id is no longer found. The item's sequence changes too,
// so that SyncFolderItems reports a delete in the old folder and a create
// in the new one. Callers hold s.mu for writing.
func (s *Server) moveItem(it *item, dest *folder) {
	delete(s.items, it.id)
	it.id = s.newID(dest.mbx, kindItem)
	s.place(it, dest)
	s.seq++
	it.seq = s.seq
	s.items[it.id] = it
	s.seqID[it.seq] = it.id
	s.reidAttachments(it)
	s.touch(it)
}

// disposeItem deletes it as DeleteType says: HardDelete removes it,
// SoftDelete moves it to Recoverable Items\Deletions, MoveToDeletedItems
// moves it to Deleted Items (an item already there is soft-deleted).
// Callers hold s.mu for writing.
func (s *Server) disposeItem(it *item, how ews.DisposalType) {
	del := it.mbx.dist["deleteditems"]
	switch {
	case how == ews.DisposalMoveToDeletedItems && it.folder != del:
		s.moveItem(it, del)
	case how == ews.DisposalSoftDelete || how == ews.DisposalMoveToDeletedItems:
		if rec := it.mbx.dist["recoverableitemsdeletions"]; rec != nil && it.folder != rec {
			s.moveItem(it, rec)
			return
		}
		s.dropItem(it)
	default:
		s.dropItem(it)
	}
}

// MarkAllItemsAsRead sets IsRead on every message of folders; the caller
// needs the ReadItems right (and edit rights on the items, checked per
// item: items it may not edit are left as they are).
func (s *Server) MarkAllItemsAsRead(ctx context.Context, req *ews.MarkAllItemsAsRead) (*ews.MarkAllItemsAsReadResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	ids := folderIDs(req.FolderIds)
	if err := s.checkBatch(len(ids)); err != nil {
		return nil, err
	}
	msgs := make([]ews.ArrayOfResponseMessagesTypeChoice, len(ids))
	s.inChunksOf(1, len(ids), true, func(i int) {
		msg := &ews.MarkAllItemsAsReadResponseMessage{}
		msgs[i] = msg
		f, err := s.folderFor(me, ids[i], needRead)
		setResult(msg, err)
		if err != nil {
			return
		}
		for _, it := range s.itemsIn(f) {
			r := field(it.v, "IsRead")
			if !r.IsValid() || !mayItem(me, it, opEdit) || (isSet(r) && r.Elem().Bool() == req.ReadFlag) {
				continue
			}
			setField(it.v, "IsRead", req.ReadFlag)
			s.touch(it)
		}
	})
	return &ews.MarkAllItemsAsReadResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: msgs}}, nil
}

// MarkAsJunk marks messages as junk (or not junk) and, with MoveItem,
// moves them to Junk Email (or back to the Inbox). The moved item's new
// id is MovedItemId. The caller needs the DeleteItems right on each item
// when moving, EditItems otherwise.
func (s *Server) MarkAsJunk(ctx context.Context, req *ews.MarkAsJunk) (*ews.MarkAsJunkResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	ids := itemIDs(req.ItemIds)
	if err := s.checkBatch(len(ids)); err != nil {
		return nil, err
	}
	op := opEdit
	if req.MoveItem {
		op = opDelete
	}
	msgs := make([]ews.ArrayOfResponseMessagesTypeChoice, len(ids))
	s.inChunks(len(ids), true, func(i int) {
		msg := &ews.MarkAsJunkResponseMessageType{}
		msgs[i] = msg
		it, err := s.itemFor(me, ids[i], op)
		setResult(msg, err)
		if err != nil || !req.MoveItem {
			return
		}
		dest := it.mbx.dist["junkemail"]
		if !req.IsJunk {
			dest = it.mbx.dist["inbox"]
		}
		if it.folder != dest {
			s.moveItem(it, dest)
		}
		msg.MovedItemId = &ews.ItemIdType{Id: it.id, ChangeKey: ptr(it.changeKey())}
	})
	return &ews.MarkAsJunkResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: msgs}}, nil
}

// ArchiveItem moves items to the archive mailbox. The mailboxes of this
// server have no archive, so each item the caller may delete gets
// ErrorArchiveMailboxNotEnabled, Exchange's answer for a mailbox without
// one; other ids get their usual errors.
func (s *Server) ArchiveItem(ctx context.Context, req *ews.ArchiveItem) (*ews.ArchiveItemResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	ids := itemIDs(req.ItemIds)
	if err := s.checkBatch(len(ids)); err != nil {
		return nil, err
	}
	msgs := make([]ews.ArrayOfResponseMessagesTypeChoice, len(ids))
	s.inChunks(len(ids), false, func(i int) {
		msg := &ews.ArchiveItemResponseMessage{}
		msgs[i] = msg
		_, err := s.itemFor(me, ids[i], opDelete)
		if err == nil {
			err = &errMsg{code: ews.ResponseCodeErrorArchiveMailboxNotEnabled, text: "The archive mailbox is not enabled for this user."}
		}
		setResult(msg, err)
	})
	return &ews.ArchiveItemResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: msgs}}, nil
}

// exportMark starts the data of ExportItems: the item as a CreateItem
// request body follows, so that UploadItems restores every property.
var exportMark = []byte("ewsmock-export-1\n")

// ExportItems returns each item as an opaque stream that UploadItems
// takes back. The caller needs the ReadItems right on each.
func (s *Server) ExportItems(ctx context.Context, req *ews.ExportItems) (*ews.ExportItemsResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	var ids []ews.ItemIdType
	if req.ItemIds != nil {
		ids = req.ItemIds.ItemId
	}
	if err := s.checkBatch(len(ids)); err != nil {
		return nil, err
	}
	msgs := make([]ews.ArrayOfResponseMessagesTypeChoice, len(ids))
	s.inChunks(len(ids), false, func(i int) {
		msg := &ews.ExportItemsResponseMessageType{}
		msgs[i] = msg
		it, err := s.itemFor(me, &ids[i], opRead)
		setResult(msg, err)
		if err != nil {
			return
		}
		v := deepCopy(it.v)
		for _, n := range []string{"ItemId", "ParentFolderId", "EffectiveRights"} {
			if f := field(v, n); f.IsValid() {
				f.Set(reflect.Zero(f.Type()))
			}
		}
		body := ews.Marshal(&ews.CreateItem{Items: &ews.NonEmptyArrayOfAllItemsType{List: []ews.NonEmptyArrayOfAllItemsTypeChoice{v.Interface().(ews.NonEmptyArrayOfAllItemsTypeChoice)}}})
		msg.ItemId = &ews.ItemIdType{Id: it.id, ChangeKey: ptr(it.changeKey())}
		msg.Data = append(append([]byte(nil), exportMark...), body...)
	})
	return &ews.ExportItemsResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: msgs}}, nil
}

// UploadItems restores exported items: CreateAction CreateNew makes a new
// item in ParentFolderId, Update and UpdateOrCreate replace the
// properties of ItemId (UpdateOrCreate creates when it is gone). Data
// that ExportItems did not write gets ErrorInvalidRequest.
func (s *Server) UploadItems(ctx context.Context, req *ews.UploadItems) (*ews.UploadItemsResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	var ups []ews.UploadItemType
	if req.Items != nil {
		ups = req.Items.Item
	}
	if err := s.checkBatch(len(ups)); err != nil {
		return nil, err
	}
	msgs := make([]ews.ArrayOfResponseMessagesTypeChoice, len(ups))
	s.inChunks(len(ups), true, func(i int) {
		up := ups[i]
		msg := &ews.UploadItemsResponseMessageType{}
		msgs[i] = msg
		var ci ews.CreateItem
		if !bytes.HasPrefix(up.Data, exportMark) || ews.Unmarshal(up.Data[len(exportMark):], &ci) != nil || ci.Items == nil || len(ci.Items.List) != 1 || elemOfItem(ci.Items.List[0]) == "" {
			setResult(msg, &errMsg{code: ews.ResponseCodeErrorInvalidRequest, text: "The upload data is not an item exported by this server."})
			return
		}
		x := ci.Items.List[0]
		elem := elemOfItem(x)
		v := reflect.ValueOf(x)
		f, err := s.folderFor(me, up.ParentFolderId, needCreate)
		if err != nil {
			setResult(msg, err)
			return
		}
		var it *item
		if up.CreateAction != ews.CreateActionCreateNew && up.ItemId != nil {
			old, gerr := s.itemFor(me, up.ItemId, opEdit)
			switch {
			case gerr == nil && old.elem == elem:
				for _, n := range []string{"ItemId", "ParentFolderId"} {
					setField(v, n, field(old.v, n).Interface())
				}
				old.v = v
				if old.folder != f {
					s.moveItem(old, f)
				} else {
					s.reidAttachments(old)
					s.touch(old)
				}
				it = old
			case up.CreateAction == ews.CreateActionUpdate:
				if gerr == nil {
					gerr = fail(ews.ResponseCodeErrorObjectTypeChanged)
				}
				setResult(msg, gerr)
				return
			}
		}
		if it == nil {
			it = s.addItem(f, elem, v)
			it.creator = me
		}
		setResult(msg, nil)
		msg.ItemId = &ews.ItemIdType{Id: it.id, ChangeKey: ptr(it.changeKey())}
	})
	return &ews.UploadItemsResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: msgs}}, nil
}
