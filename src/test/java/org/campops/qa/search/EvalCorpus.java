package org.campops.qa.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Hand-written bootcamp questions (Object Detection &amp; Segmentation stage, Kaggle-style competition)
 * with relevance judgments, used to compare analysis options and to calibrate {@code similar}.
 */
final class EvalCorpus {

    record Judged(String query, Set<Long> relevant) {}

    record Duplicate(String title, String details, long duplicateOf) {}

    record Unrelated(String title, String details) {}

    private EvalCorpus() {}

    static IndexedQuestion q(
            long id,
            String topic,
            boolean answered,
            boolean endorsed,
            String title,
            String details,
            String... answers) {
        return new IndexedQuestion(
                id,
                title,
                details,
                List.of(answers),
                topic,
                answered,
                endorsed,
                Instant.parse("2025-03-01T00:00:00Z").plusSeconds(id * 3600));
    }

    static List<IndexedQuestion> questions() {
        List<IndexedQuestion> list = new ArrayList<>();
        list.add(q(
                1,
                "od",
                true,
                false,
                "Faster R-CNN 학습 중 CUDA out of memory가 나요",
                "배치 사이즈 8로 학습하는데 첫 에폭에서 바로 터집니다. GPU는 V100 16GB입니다.",
                "batch_size를 2로 줄이고 이미지 해상도를 낮춰 보세요. AMP(mixed precision)도 도움이 됩니다."));
        list.add(q(
                2,
                "comp",
                true,
                false,
                "데이터셋이 너무 커서 로딩이 느립니다",
                "COCO 형식 데이터를 매 에폭마다 디스크에서 읽는데 데이터로더가 병목인 것 같아요.",
                "num_workers를 늘리고 pin_memory=True를 쓰세요. 이미지를 미리 리사이즈해 두면 더 빨라집니다."));
        list.add(q(
                3,
                "od",
                true,
                true,
                "mAP 계산할 때 IoU threshold는 어떻게 정하나요?",
                "대회 평가 지표가 mAP@0.5인데 validation에서도 IoU 기준을 0.5로 고정해야 하나요?",
                "대회 규칙대로 0.5를 쓰고, 참고용으로 mAP@[.5:.95]도 같이 보세요."));
        list.add(q(
                4,
                "general",
                true,
                false,
                "학습률을 얼마로 시작해야 하나요",
                "Adam 옵티마이저를 쓰는데 초기값을 어떻게 잡는지 궁금합니다.",
                "1e-4 정도에서 시작하고 LR finder로 확인해 보세요."));
        list.add(q(
                5,
                "python",
                true,
                false,
                "단위테스트는 어떻게 작성하나요",
                "전처리 함수에 pytest로 테스트를 붙이고 싶은데 예시가 있을까요?",
                "tests 폴더에 test_로 시작하는 파일을 만들고 assert로 결과를 비교하면 됩니다."));
        list.add(q(
                6,
                "od",
                false,
                false,
                "FPN에서 feature map 크기가 안 맞아요",
                "입력 이미지 크기가 32의 배수가 아니면 upsample 후 더할 때 shape mismatch 에러가 납니다."));
        list.add(q(7, "seg", false, false, "세그멘테이션 마스크가 이미지와 정렬이 안 돼요", "albumentations로 resize 했는데 마스크만 어긋납니다."));
        list.add(q(
                8,
                "seg",
                true,
                false,
                "U-Net 학습 시 dice loss가 줄지 않아요",
                "배경 픽셀이 너무 많아서 그런지 loss가 0.9 근처에서 멈춰 있습니다.",
                "focal loss와 섞어 쓰거나 배경 클래스 가중치를 낮춰 보세요."));
        list.add(q(
                9,
                "comp",
                true,
                false,
                "리더보드 점수가 로컬 검증 점수보다 훨씬 낮아요",
                "public LB는 0.41인데 로컬 validation mAP는 0.55입니다. 검증셋 분할을 잘못한 걸까요?"));
        list.add(q(
                10,
                "comp",
                true,
                true,
                "제출 파일 형식이 맞지 않다고 나와요",
                "submission.csv의 PredictionString 컬럼 형식이 어떻게 되나요?",
                "label score xmin ymin xmax ymax 순서로 공백으로 구분합니다."));
        list.add(q(
                11,
                "general",
                true,
                false,
                "과적합이 발생하는 것 같아요",
                "train loss는 계속 줄어드는데 validation loss가 5 에폭부터 올라갑니다.",
                "augmentation을 늘리고 weight decay와 early stopping을 써 보세요."));
        list.add(q(12, "od", false, false, "데이터 증강은 어떤 걸 적용하는 게 좋나요?", "객체 탐지에서 flip, mosaic 같은 기법의 효과가 궁금합니다."));
        list.add(q(
                13, "od", false, false, "YOLOv8 학습 결과에서 box loss가 nan이 됩니다", "lr을 0.01로 뒀더니 몇 iteration 후 nan이 나와요."));
        list.add(q(14, "od", true, false, "Anchor box 크기는 어떻게 설정하나요?", "작은 물체가 많은 데이터셋이라 앵커 크기를 줄여야 할지 고민입니다."));
        list.add(q(15, "env", true, false, "Colab에서 세션이 자꾸 끊겨요", "긴 학습을 돌리면 90분 정도 후 런타임이 끊어집니다."));
        list.add(q(
                16,
                "env",
                true,
                false,
                "conda 가상환경에서 torch가 GPU를 못 잡아요",
                "torch.cuda.is_available()이 False로 나옵니다. CUDA 11.8 설치되어 있어요."));
        list.add(q(17, "env", true, false, "git push 할 때 용량 초과 에러가 납니다", "모델 체크포인트 파일(.pth)을 커밋했더니 100MB 제한에 걸렸어요."));
        list.add(q(18, "comp", true, false, "앙상블은 어떻게 하나요? WBF랑 NMS 차이가 궁금해요", "여러 모델의 박스 예측을 합치려고 합니다."));
        list.add(q(19, "od", false, false, "NMS threshold를 낮추면 mAP가 떨어지는 이유", "겹치는 객체가 많은 이미지에서 박스가 사라집니다."));
        list.add(q(20, "seg", false, false, "Mask R-CNN으로 instance segmentation 할 때 작은 객체가 안 잡혀요", "입력 해상도를 키워야 할까요?"));
        list.add(q(
                21,
                "od",
                true,
                false,
                "How do I freeze the backbone when fine-tuning Faster R-CNN?",
                "I only want to train the detection head for the first few epochs.",
                "Set requires_grad = False on model.backbone parameters."));
        list.add(
                q(
                        22,
                        "od",
                        false,
                        false,
                        "Validation mAP stays at zero after the first epoch",
                        "The training loss decreases but evaluation returns 0.0 mAP for every class. Category ids start at 1."));
        list.add(q(
                23,
                "od",
                true,
                false,
                "What batch size should I use on a T4 GPU?",
                "Getting OOM with batch size 16 at 1024x1024 images."));
        list.add(q(
                24,
                "comp",
                true,
                true,
                "Can we use external datasets in the competition?",
                "Is pretraining on COCO allowed by the rules?"));
        list.add(q(
                25,
                "general",
                false,
                false,
                "파인튜닝할 때 백본을 얼리는 게 좋나요?",
                "pretrained 가중치를 쓰는데 전체를 학습할지 head만 학습할지 고민입니다."));
        list.add(q(26, "python", true, false, "pandas로 csv 읽을 때 한글이 깨져요", "encoding 옵션을 줘도 UnicodeDecodeError가 납니다."));
        list.add(q(
                27,
                "env",
                true,
                false,
                "도커 컨테이너에서 shared memory 부족 에러",
                "DataLoader worker가 bus error로 죽습니다. --shm-size를 늘려야 하나요?"));
        list.add(q(28, "general", false, false, "하이퍼파라미터 튜닝은 어떤 도구를 쓰나요?", "Optuna랑 W&B sweep 중 뭐가 나을까요?"));
        list.add(q(
                29, "comp", false, false, "K-Fold 교차 검증을 객체 탐지에서도 하나요?", "이미지 단위로 StratifiedGroupKFold를 써야 할지 궁금합니다."));
        list.add(q(
                30, "od", true, false, "바운딩 박스 좌표 형식이 헷갈려요", "COCO는 xywh, Pascal VOC는 xyxy라고 하는데 모델 입력은 뭘로 넣어야 하나요?"));
        list.add(q(
                31,
                "seg",
                false,
                false,
                "semantic segmentation에서 mIoU가 클래스별로 너무 차이 나요",
                "클래스 불균형 때문에 소수 클래스 IoU가 0에 가깝습니다."));
        list.add(q(
                32,
                "general",
                true,
                false,
                "Learning rate scheduler는 어떤 걸 쓰는 게 좋나요?",
                "CosineAnnealing이랑 StepLR 차이를 모르겠어요."));
        list.add(q(33, "general", false, false, "에폭 수는 어떻게 정하나요?", "early stopping을 쓰면 될까요?"));
        list.add(q(34, "env", false, false, "wandb 로그인이 안 돼요", "API key를 넣어도 permission denied가 납니다."));
        list.add(q(35, "od", false, false, "학습 속도가 너무 느려요", "한 에폭에 3시간이 걸립니다. mixed precision을 쓰면 빨라지나요?"));
        list.add(q(
                36,
                "od",
                false,
                false,
                "Test time augmentation(TTA)을 적용하면 박스가 이상해져요",
                "flip TTA 후 좌표를 되돌리는 방법이 궁금합니다."));
        list.add(q(
                37,
                "python",
                true,
                false,
                "numpy 배열 shape 오류: operands could not be broadcast together",
                "마스크와 이미지 배열을 곱할 때 에러가 납니다."));
        list.add(q(38, "general", false, false, "어노테이션 오류가 있는 데이터는 어떻게 처리하나요?", "잘못 그려진 박스가 꽤 있는 것 같습니다."));
        list.add(q(39, "comp", true, false, "대회 마감 전에 최종 제출은 몇 개까지 선택하나요?", "private 점수는 선택한 것만 반영되나요?"));
        list.add(q(40, "python", false, false, "단위 테스트에서 GPU 없는 환경은 어떻게 처리하나요?", "CI에는 GPU가 없어서 테스트가 실패합니다."));
        return list;
    }

    /** Queries as campers type them: other particles and endings, spacing, English/Korean mix. */
    static List<Judged> judgedQueries() {
        return List.of(
                new Judged("데이터셋을 빨리 로딩하는 방법", Set.of(2L)),
                new Judged("학습률이 너무 크면", Set.of(4L)),
                new Judged("단위 테스트 작성", Set.of(5L, 40L)),
                new Judged("단위테스트 GPU 없이", Set.of(40L)),
                new Judged("cuda out of memory", Set.of(1L, 23L)),
                new Judged("OOM 해결", Set.of(1L, 23L)),
                new Judged("메모리 부족 에러", Set.of(1L, 23L, 27L)),
                new Judged("map iou 기준", Set.of(3L)),
                new Judged("IoU 임계값을 어떻게 설정", Set.of(3L, 19L)),
                new Judged("fpn 피처맵 사이즈 불일치", Set.of(6L)),
                new Judged("세그멘테이션 마스크 정렬", Set.of(7L)),
                new Judged("dice loss 안 줄어요", Set.of(8L)),
                new Judged("리더보드랑 로컬 점수 차이", Set.of(9L)),
                new Judged("submission 파일 형식", Set.of(10L)),
                new Judged("오버피팅 해결", Set.of(11L)),
                new Judged("overfitting validation loss 증가", Set.of(11L)),
                new Judged("어그멘테이션 추천", Set.of(12L)),
                new Judged("augmentation mosaic", Set.of(12L)),
                new Judged("박스 로스가 nan", Set.of(13L)),
                new Judged("앵커박스 사이즈 설정", Set.of(14L)),
                new Judged("코랩 런타임 끊김", Set.of(15L)),
                new Judged("torch.cuda.is_available False", Set.of(16L)),
                new Judged("git 용량 제한 100MB", Set.of(17L)),
                new Judged("WBF NMS 차이", Set.of(18L)),
                new Judged("Mask R-CNN 작은 객체", Set.of(20L)),
                new Judged("freeze backbone fine-tuning", Set.of(21L, 25L)),
                new Judged("백본 얼리기", Set.of(25L, 21L)),
                new Judged("validation mAP 0", Set.of(22L)),
                new Judged("T4 배치 사이즈", Set.of(23L)),
                new Judged("외부 데이터 사용 가능한가요", Set.of(24L)),
                new Judged("csv 한글 깨짐", Set.of(26L)),
                new Judged("shared memory bus error docker", Set.of(27L)),
                new Judged("하이퍼 파라미터 튜닝 도구", Set.of(28L)),
                new Judged("kfold 교차검증", Set.of(29L)),
                new Judged("bbox 좌표 포맷", Set.of(30L)),
                new Judged("miou 클래스 불균형", Set.of(31L)),
                new Judged("러닝레이트 스케줄러 추천", Set.of(32L, 4L)),
                new Judged("epoch 몇 번", Set.of(33L)),
                new Judged("wandb 로그인 에러", Set.of(34L)),
                new Judged("학습이 느려요 mixed precision", Set.of(35L)),
                new Judged("TTA 좌표 복원", Set.of(36L)),
                new Judged("broadcast 에러 numpy", Set.of(37L)),
                new Judged("라벨링 오류 데이터", Set.of(38L)),
                new Judged("최종 제출 개수", Set.of(39L)),
                new Judged("object detection 증강 기법", Set.of(12L)),
                new Judged("세그멘테이션 작은 객체", Set.of(20L)),
                new Judged("어그멘테이션", Set.of(12L, 36L)),
                new Judged("데이터로더 병목", Set.of(2L)),
                new Judged("Adam 학습률 초깃값", Set.of(4L)),
                new Judged("러닝 레이트를 얼마로", Set.of(4L)));
    }

    /** Reworded duplicates of indexed questions. */
    static List<Duplicate> duplicates() {
        return List.of(
                new Duplicate("Faster RCNN 돌릴 때 GPU 메모리 부족 에러", "배치를 8로 두면 첫 에폭에 바로 CUDA OOM이 떠요", 1),
                new Duplicate("데이터 로딩이 너무 오래 걸려요", "데이터셋 용량이 커서 데이터로더가 병목입니다", 2),
                new Duplicate("mAP 구할 때 IoU 기준값은 얼마로 하나요", "IoU threshold 설정 방법이 궁금합니다", 3),
                new Duplicate("초기 학습률은 어느 정도가 적당한가요", "Adam 옵티마이저 쓸 때 learning rate 시작값", 4),
                new Duplicate("validation loss가 올라가요 과적합인가요", "train loss는 줄어드는데 검증 loss만 증가합니다", 11),
                new Duplicate(
                        "How to freeze backbone layers of Faster R-CNN during fine-tuning?",
                        "I want to train only the head at first.",
                        21),
                new Duplicate("단위 테스트 작성 방법", "pytest로 전처리 함수 테스트하는 예시 부탁드려요", 5),
                new Duplicate("FPN feature map 사이즈 불일치 에러", "upsample 하고 더할 때 shape mismatch가 납니다", 6));
    }

    /** New questions on the same topics that are not duplicates of anything indexed. */
    static List<Unrelated> unrelated() {
        return List.of(
                new Unrelated("YOLOv8 추론 결과를 COCO json으로 저장하는 방법", "제출용으로 변환해야 합니다"),
                new Unrelated("mAP를 클래스별로 출력하려면?", "pycocotools 결과에서 클래스별 AP를 보고 싶어요"),
                new Unrelated("데이터셋 라이선스는 어디서 확인하나요?", "상업적 이용이 가능한지 궁금합니다"),
                new Unrelated("FPN 대신 BiFPN을 쓰면 성능이 오르나요?", "EfficientDet 구조가 궁금합니다"),
                new Unrelated("How do I resume training from a checkpoint?", "The run crashed at epoch 12."),
                new Unrelated("Faster R-CNN 추론 속도를 높이는 방법", "TensorRT 변환을 해야 할까요?"),
                new Unrelated("학습률 warmup은 왜 필요한가요?", "transformer 논문에서 자주 보여서요"),
                new Unrelated("팀원과 git 브랜치 전략은 어떻게 하나요?", "충돌이 자주 납니다"));
    }
}
