//! `cv2.imshow` / `waitKey` over minifb, with clear errors where no display exists. (Not yet implemented: its issue fills it in.)
